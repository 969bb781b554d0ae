import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readIdeas } from "../../shared/board.js";
import { EVENTS, PROTOCOL_VERSION, type Result } from "../../shared/protocol.js";
import { commandId, eventually, must, openBoard, post, removeDataDir } from "../helpers/server.js";

/** Starts the real server as a child process on `port`; resolves with its setup token (or null). */
function startChild(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; setup: string | null }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const setup = /setup#([\w-]{22})/.exec(line);
      if (setup) resolve({ child, setup: setup[1] });
      else if (line.includes("Roundtable is running at")) resolve({ child, setup: null });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An attendee's device: an outbox of commands kept until acked, resent with the same id. */
class Device {
  readonly socket: Socket;
  readonly outbox = new Map<string, { promptId: string; text: string }>();
  readonly acked = new Map<string, string>();

  constructor(url: string, token: string) {
    this.socket = io(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, token },
      transports: ["websocket"],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
  }

  post(promptId: string, text: string): void {
    const id = commandId();
    this.outbox.set(id, { promptId, text });
    this.flush(id);
  }

  /** Sends one entry (or all) of the outbox; an entry leaves it only with its ack. */
  flush(only?: string): void {
    for (const [id, payload] of this.outbox) {
      if (only && id !== only) continue;
      this.socket
        .timeout(2000)
        .emitWithAck(EVENTS.command, { id, type: "idea.post", payload })
        .then((result: Result<{ ideaId: string }>) => {
          if (!result.ok) throw new Error(result.error.message);
          this.acked.set(id, result.value.ideaId);
          this.outbox.delete(id);
        })
        .catch(() => undefined); // lost with the server: stays in the outbox
    }
  }
}

/**
 * [C2] The server is killed with SIGKILL in the middle of a storm of posts
 * and restarted on the same data directory: every acked post is there
 * exactly once, every post the devices resend lands exactly once, and a
 * board that was connected throughout converges.
 */
describe("crash safety", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "roundtable-crash-"));
  let server: ChildProcess | null = null;
  afterAll(() => {
    server?.kill("SIGKILL");
    removeDataDir(dataDir);
  });

  it("[C2] keeps every acked command through a SIGKILL, and applies resent ones once", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startChild(dataDir, port);
    server = first.child;
    const { organiserKey } = must(
      await post(url, first.setup ?? "", "summit.create", { name: "S" }),
    );
    const workshop = must(
      await post(url, organiserKey, "workshop.create", {
        title: "Crash",
        prompts: ["?"],
        settings: { ideasPerAttendee: 200 },
      }),
    );
    must(await post(url, workshop.facilitatorToken, "phase.set", { phase: "brainstorm" }));
    const board = await openBoard(url, workshop.workshopId, workshop.projectorToken);
    const promptId = (board.doc.getMap("meta").get("prompts") as { id: string }[])[0].id;
    const devices: Device[] = [];
    for (let i = 0; i < 6; i++) {
      const joined = must(await post(url, undefined, "participant.join", { code: workshop.code }));
      devices.push(new Device(url, joined.token));
    }
    await eventually(() => devices.every((d) => d.socket.connected), { what: "devices connected" });

    // The storm: every device posts as fast as it can until the kill.
    let sent = 0;
    const storm = setInterval(() => {
      for (const device of devices) device.post(promptId, `post ${++sent}`);
    }, 2);
    await eventually(() => devices.reduce((n, d) => n + d.acked.size, 0) >= 150, {
      what: "150 acks before the kill",
    });
    server.kill("SIGKILL");
    clearInterval(storm);
    await new Promise((resolve) => server!.once("exit", resolve));
    const ackedBeforeCrash = new Map(devices.flatMap((d) => [...d.acked]));
    const inFlight = devices.reduce((n, d) => n + d.outbox.size, 0);

    const second = await startChild(dataDir, port);
    server = second.child;
    expect(second.setup).toBeNull();
    await eventually(() => devices.every((d) => d.socket.connected), { what: "devices back" });
    await eventually(
      () => {
        for (const device of devices) device.flush();
        return devices.every((d) => d.outbox.size === 0);
      },
      { what: "every outbox to empty", timeoutMs: 20_000 },
    );

    const check = await openBoard(url, workshop.workshopId, workshop.projectorToken);
    const ideas = readIdeas(check.doc);
    // Exactly once: one idea per command id, and each acked id's idea is there.
    const commands = devices.reduce((n, d) => n + d.acked.size, 0);
    expect(ideas).toHaveLength(commands);
    expect(new Set(ideas.map((i) => i.text)).size).toBe(commands);
    const ids = new Set(ideas.map((i) => i.id));
    for (const [id, ideaId] of ackedBeforeCrash) {
      expect(ids.has(ideaId), `acked ${id} survives`).toBe(true);
      expect(devices.some((d) => d.acked.get(id) === ideaId)).toBe(true);
    }
    // The board that stayed open through the crash converges on its own.
    await eventually(
      () =>
        Buffer.from(Y.encodeStateVector(board.doc)).equals(
          Buffer.from(Y.encodeStateVector(check.doc)),
        ),
      { what: "the open board to converge", timeoutMs: 15_000 },
    );
    expect(readIdeas(board.doc)).toEqual(ideas);
    console.log(
      `crash test: ${ackedBeforeCrash.size} acked before SIGKILL, ${inFlight} in flight, ${commands} applied in all`,
    );
    for (const device of devices) device.socket.close();
    board.destroy();
    check.destroy();
    server.kill("SIGTERM");
  });
});
