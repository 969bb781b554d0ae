import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docNames } from "../../shared/board.js";
import { EVENTS, PROTOCOL_VERSION, YJS_CLOSE, YJS_PATH } from "../../shared/protocol.js";
import {
  commandId,
  connectSocket,
  join,
  openBoard,
  openDoc,
  postRaw,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { fingerprint } from "../helpers/state.js";

/** Every refusal is answered with its code and leaves the server's state exactly as it was. */
describe("bad input gets a clear error and changes nothing", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let attendee: CommandSocket;
  let attendeeToken: string;

  beforeAll(async () => {
    server = await startServer({ tuning: { maxPayloadBytes: 8 * 1024 } });
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
    attendeeToken = (await join(server, workshop.code, "Ann")).token;
    attendee = await connectSocket(server.url, attendeeToken);
  });
  afterAll(async () => {
    attendee.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  async function expectNoChange(act: () => Promise<void>): Promise<void> {
    const before = fingerprint(server, workshop.workshopId);
    await act();
    expect(fingerprint(server, workshop.workshopId)).toBe(before);
  }

  it("refuses an unknown command with unknown_command", async () => {
    await expectNoChange(async () => {
      const result = await attendee.socket
        .timeout(5000)
        .emitWithAck(EVENTS.command, { id: commandId(), type: "idea.explode", payload: {} });
      expect(result).toMatchObject({ ok: false, error: { code: "unknown_command" } });
    });
  });

  it.each([
    ["a number for the text", { promptId: "x".repeat(8), text: 42 }],
    ["a missing prompt", { text: "hello" }],
    ["an empty text", { promptId: "x".repeat(8), text: "   " }],
    ["an extra key", { promptId: "x".repeat(8), text: "hi", author: "someone" }],
    [
      "a prototype-pollution key",
      JSON.parse('{"promptId":"xxxxxxxx","text":"hi","__proto__":{"polluted":1}}'),
    ],
    ["not an object", "idea"],
  ])("refuses a payload with %s with invalid_payload", async (_what, payload) => {
    await expectNoChange(async () => {
      const result = await attendee.socket
        .timeout(5000)
        .emitWithAck(EVENTS.command, { id: commandId(), type: "idea.post", payload });
      expect(result).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a malformed envelope with invalid_payload", async () => {
    await expectNoChange(async () => {
      const result = await attendee.socket
        .timeout(5000)
        .emitWithAck(EVENTS.command, { id: "short", type: "idea.post", payload: {} });
      expect(result).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    });
  });

  it("disconnects a socket that sends a payload past maxHttpBufferSize, and stays up", async () => {
    const victim = await connectSocket(server.url, attendeeToken);
    await expectNoChange(async () => {
      const disconnected = new Promise<string>((resolve) =>
        victim.socket.once("disconnect", resolve),
      );
      victim.socket.emit(EVENTS.command, {
        id: commandId(),
        type: "idea.post",
        payload: { promptId: workshop.promptIds[0], text: "x".repeat(64 * 1024) },
      });
      expect(await disconnected).toBe("transport close");
    });
    victim.close();
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  it("answers an oversized REST body with too_large (413)", async () => {
    await expectNoChange(async () => {
      const { status, result } = await postRaw(
        server.url,
        { id: commandId(), type: "participant.join", payload: { code: "1".repeat(20_000) } },
        {},
      );
      expect(status).toBe(413);
      expect(result).toMatchObject({ ok: false, error: { code: "too_large" } });
    });
  });

  it("answers a body that is not JSON with invalid_payload (400)", async () => {
    const { status, result } = await postRaw(server.url, "{not json");
    expect(status).toBe(400);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
  });

  it("refuses a command without a token with unauthenticated", async () => {
    const anonymous = await connectSocket(server.url, undefined);
    await expectNoChange(async () => {
      const result = await anonymous.send("idea.post", {
        promptId: workshop.promptIds[0],
        text: "hi",
      });
      expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    });
    anonymous.close();
  });

  it("refuses a wrong token at the socket handshake and over REST with unauthenticated", async () => {
    const wrong = "A".repeat(22);
    await expect(connectSocket(server.url, wrong)).rejects.toMatchObject({
      data: { code: "unauthenticated" },
    });
    await expectNoChange(async () => {
      const { status, result } = await postRaw(
        server.url,
        { id: commandId(), type: "phase.set", payload: { phase: "vote" } },
        { token: wrong },
      );
      expect(status).toBe(401);
      expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    });
  });

  it("refuses a command from the wrong role with forbidden", async () => {
    await expectNoChange(async () => {
      const result = await attendee.send("phase.set", { phase: "closed" });
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    });
  });

  it("refuses another protocol version with protocol_mismatch and a reload message", async () => {
    const error = await connectSocket(server.url, attendeeToken, PROTOCOL_VERSION + 1).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ data: { code: "protocol_mismatch" } });
    expect((error as { data: { message: string } }).data.message).toMatch(/reload/i);

    const { status, result } = await postRaw(
      server.url,
      { id: commandId(), type: "participant.join", payload: { code: workshop.code } },
      { protocolVersion: PROTOCOL_VERSION + 1 },
    );
    expect(status).toBe(426);
    expect(result).toMatchObject({ ok: false, error: { code: "protocol_mismatch" } });

    const old = openDoc(server.url, docNames.board(workshop.workshopId), attendeeToken, {
      protocolVersion: PROTOCOL_VERSION + 1,
    });
    const code = await new Promise<number>((resolve) =>
      old.provider.on("connection-close", (event) => resolve(event?.code ?? 0)),
    );
    expect(code).toBe(YJS_CLOSE.protocol_mismatch);
    old.destroy();
  });

  it.each([
    ["an unknown message type", [9, 0]],
    ["a truncated sync message", [0, 0, 200, 1]],
    ["an unknown sync step", [0, 7, 0]],
    ["trailing bytes", [0, 0, 1, 0, 99]],
  ])("closes a Yjs connection that sends %s with 4400, and stays up", async (_what, bytes) => {
    await expectNoChange(async () => {
      const ws = new WebSocket(
        `${server.url.replace("http", "ws")}${YJS_PATH}/${encodeURIComponent(docNames.board(workshop.workshopId))}?token=${attendeeToken}&v=${PROTOCOL_VERSION}`,
      );
      await new Promise((resolve) => ws.once("open", resolve));
      const closed = new Promise<number>((resolve) => ws.once("close", resolve));
      ws.send(Uint8Array.from(bytes));
      expect(await closed).toBe(YJS_CLOSE.malformed);
    });
    const board = await openBoard(server.url, workshop.workshopId, attendeeToken);
    board.destroy();
  });

  it("refuses a Yjs connection with a wrong token (4401) or to another workshop's document (4403)", async () => {
    const closeCode = async (docName: string, token: string) => {
      const client = openDoc(server.url, docName, token);
      const code = await new Promise<number>((resolve) =>
        client.provider.on("connection-close", (event) => resolve(event?.code ?? 0)),
      );
      client.destroy();
      return code;
    };
    expect(await closeCode(docNames.board(workshop.workshopId), "B".repeat(22))).toBe(
      YJS_CLOSE.unauthenticated,
    );
    expect(await closeCode(docNames.board("someoneelse1"), attendeeToken)).toBe(
      YJS_CLOSE.forbidden,
    );
    expect(await closeCode(docNames.facilitation(workshop.workshopId), attendeeToken)).toBe(
      YJS_CLOSE.forbidden,
    );
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
