import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { docNames } from "../../shared/board.js";
import { PROTOCOL_VERSION, YJS_PATH } from "../../shared/protocol.js";
import { HEARTBEAT } from "../../server/yjs/messages.js";
import {
  commandId,
  eventually,
  must,
  post,
  postRaw,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";
import { column } from "../helpers/state.js";

describe("capability tokens", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[Q1] the setup link creates one summit and is then used up", async () => {
    server = await startServer();
    const setup = server.app.setupToken ?? "";
    must(await post(server.url, setup, "summit.create", { name: "Regional summit" }));
    expect(await post(server.url, setup, "summit.create", { name: "Again" })).toMatchObject({
      ok: false,
      error: { code: "already_used" },
    });
  });

  it("[Q2] stores only hashes of tokens", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server);
    const stored = column(server, "SELECT hash FROM tokens") as string[];
    for (const token of [
      workshop.organiserKey,
      workshop.facilitatorToken,
      workshop.projectorToken,
    ]) {
      expect(stored).not.toContain(token);
    }
    const everything = JSON.stringify(
      column(server, "SELECT group_concat(result) FROM processed_commands"),
    );
    expect(everything).not.toContain(workshop.facilitatorToken);
  });

  it("[Q3] a replayed command whose answer held new links is refused with duplicate, not answered twice", async () => {
    server = await startServer();
    const { organiserKey } = must(
      await post(server.url, server.app.setupToken ?? "", "summit.create", { name: "S" }),
    );
    const envelope = {
      id: commandId(),
      type: "workshop.create",
      payload: { title: "Funding", prompts: ["What lasts?"] },
    };
    const first = await postRaw(server.url, envelope, { token: organiserKey });
    expect(first.result.ok).toBe(true);
    const again = await postRaw(server.url, envelope, { token: organiserKey });
    expect(again.status).toBe(409);
    expect(again.result).toMatchObject({ ok: false, error: { code: "duplicate" } });
    expect(column(server, "SELECT count(*) FROM workshops")).toEqual([1]);
  });
});

describe("the Yjs endpoint's heartbeat", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[Y1] keeps an idle connection hearing from the server", async () => {
    server = await startServer({ tuning: { heartbeatMs: 50 } });
    const workshop = await seedWorkshop(server);
    const ws = new WebSocket(
      `${server.url.replace("http", "ws")}${YJS_PATH}/${encodeURIComponent(docNames.board(workshop.workshopId))}?token=${workshop.projectorToken}&v=${PROTOCOL_VERSION}`,
    );
    let beats = 0;
    ws.on("message", (data: Buffer) => {
      if (Buffer.from(HEARTBEAT).equals(data)) beats++;
    });
    await eventually(() => beats >= 3, { what: "three heartbeats" });
    ws.close();
  });
});
