import { afterEach, describe, expect, it } from "vitest";
import { docNames } from "../../shared/board.js";
import { actionsArray, notesText } from "../../shared/notes.js";
import { YJS_CLOSE } from "../../shared/protocol.js";
import {
  eventually,
  join,
  openDoc,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";

describe("the notes document", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[N1] facilitators write it together, it survives a restart, and attendees cannot open it", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server);
    const name = docNames.notes(workshop.workshopId);
    const a = openDoc(server.url, name, workshop.facilitatorToken);
    const b = openDoc(server.url, name, workshop.facilitatorToken);
    await eventually(() => a.provider.synced && b.provider.synced, { what: "both synced" });
    notesText(a.doc).insert(0, "Agreed: ");
    actionsArray(b.doc).push([
      {
        id: "action01",
        text: "Map youth provision",
        owner: "Council",
        due: "2027-01-31",
        source: null,
      },
    ]);
    await eventually(
      () => notesText(b.doc).toString() === "Agreed: " && actionsArray(a.doc).length === 1,
      {
        what: "each to see the other's writing",
      },
    );
    a.destroy();
    b.destroy();

    const port = Number(new URL(server.url).port);
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port });
    const again = openDoc(server.url, name, workshop.facilitatorToken);
    await eventually(() => again.provider.synced, { what: "sync after restart" });
    expect(notesText(again.doc).toString()).toBe("Agreed: ");
    expect(actionsArray(again.doc).toArray()).toHaveLength(1);
    again.destroy();

    const attendee = await join(server, workshop.code, "Ann");
    const denied = openDoc(server.url, name, attendee.token);
    const code = await new Promise<number>((resolve) =>
      denied.provider.on("connection-close", (event) => resolve(event?.code ?? 0)),
    );
    expect(code).toBe(YJS_CLOSE.forbidden);
    denied.destroy();
  });
});
