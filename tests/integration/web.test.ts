import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectSocket,
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";

const BUILT_CLIENT = fileURLToPath(new URL("../../dist/client", import.meta.url));

describe("web hardening", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[H1] serves the app with a strict Content-Security-Policy and the usual security headers", async () => {
    server = await startServer({ clientDir: BUILT_CLIENT });
    for (const path of [
      "/",
      "/join/123456",
      "/f/abcdefgh",
      "/organiser",
      "/api/time",
      "/healthz",
    ]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("[H2] logs no token, even at debug level, through a whole journey", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startServer({ log: pino({ level: "trace" }, sink) });
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const ann = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, ann.token);
    await socket.send("idea.post", { promptId: workshop.promptIds[0], text: "logged?" });
    await connectSocket(server.url, "A".repeat(22)).catch(() => undefined);
    const board = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    board.destroy();
    socket.close();
    const log = lines.join("");
    expect(log.length).toBeGreaterThan(0);
    for (const token of [
      ann.token,
      workshop.organiserKey,
      workshop.facilitatorToken,
      workshop.projectorToken,
    ]) {
      expect(log).not.toContain(token);
    }
  });
});
