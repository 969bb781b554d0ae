import { describe, expect, it } from "vitest";
import type { Store, SummitRow } from "../../../server/store/Store.js";

function summit(id: string, name: string): SummitRow {
  return { id, name, date: null, venue: null, archivedAt: null, createdAt: 1 };
}

/**
 * The contract every Store implementation passes (SQLite today; PostgreSQL
 * later). `open` gives a fresh, empty store; `reopen` the same data again.
 */
export function storeContract(
  name: string,
  open: () => { store: Store; reopen: () => Store; cleanup: () => void },
): void {
  describe(`Store contract: ${name}`, () => {
    const seeded = () => {
      const handle = open();
      const { store } = handle;
      store.insertSummit(summit("summit01", "S"));
      store.insertWorkshop({
        id: "workshop1",
        summitId: "summit01",
        code: "123456",
        title: "W",
        createdAt: 2,
      });
      store.insertParticipant({
        id: "person01",
        workshopId: "workshop1",
        name: null,
        createdAt: 3,
      });
      return handle;
    };

    it("finds workshops by id and by join code, and codes are unique", () => {
      const { store, cleanup } = seeded();
      expect(store.getWorkshop("workshop1")).toMatchObject({
        code: "123456",
        summitId: "summit01",
      });
      expect(store.findWorkshopByCode("123456")?.id).toBe("workshop1");
      expect(store.findWorkshopByCode("654321")).toBeUndefined();
      expect(() =>
        store.insertWorkshop({
          id: "workshop2",
          summitId: "summit01",
          code: "123456",
          title: "X",
          createdAt: 4,
        }),
      ).toThrow();
      cleanup();
    });

    it("stores tokens by hash and revokes them by role and scope", () => {
      const { store, cleanup } = seeded();
      const token = {
        role: "facilitator" as const,
        summitId: "summit01",
        workshopId: "workshop1",
        participantId: null,
        createdAt: 5,
        revokedAt: null,
      };
      store.insertToken({ hash: "h1", ...token });
      store.insertToken({ hash: "h2", ...token, role: "projector" });
      expect(store.findToken("h1")).toMatchObject({ role: "facilitator", revokedAt: null });
      expect(store.revokeTokens({ role: "facilitator", workshopId: "workshop1" }, 9)).toBe(1);
      expect(store.findToken("h1")?.revokedAt).toBe(9);
      expect(store.findToken("h2")?.revokedAt).toBeNull();
      cleanup();
    });

    it("rolls back everything a failed transaction wrote, and a failed savepoint only its own part", () => {
      const { store, cleanup } = seeded();
      expect(() =>
        store.transaction(() => {
          store.insertSummit(summit("summit02", "T"));
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(store.getSummit("summit02")).toBeUndefined();
      store.transaction(() => {
        store.insertSummit(summit("summit03", "U"));
        expect(() =>
          store.transaction(() => {
            store.insertSummit(summit("summit04", "V"));
            throw new Error("inner");
          }),
        ).toThrow("inner");
      });
      expect(store.getSummit("summit03")).toBeDefined();
      expect(store.getSummit("summit04")).toBeUndefined();
      cleanup();
    });

    it("reads back a change to a summit, a workshop or a deletion at once, and never a rolled-back one", () => {
      const { store, cleanup } = seeded();
      // Read first, so a store that keeps rows in memory holds them.
      expect(store.getWorkshop("workshop1")?.title).toBe("W");
      expect(store.getSummit("summit01")?.archivedAt).toBeNull();
      expect(store.getParticipant("person01")).toBeDefined();
      store.updateWorkshopTitle("workshop1", "Renamed");
      store.setSummitArchived("summit01", 7);
      expect(store.getWorkshop("workshop1")?.title).toBe("Renamed");
      expect(store.getSummit("summit01")?.archivedAt).toBe(7);
      expect(() =>
        store.transaction(() => {
          store.updateWorkshopTitle("workshop1", "Rolled back");
          store.updateSummit("summit01", { name: "Rolled back", date: null, venue: null });
          expect(store.getWorkshop("workshop1")?.title).toBe("Rolled back");
          expect(store.getSummit("summit01")?.name).toBe("Rolled back");
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(store.getWorkshop("workshop1")?.title).toBe("Renamed");
      expect(store.getSummit("summit01")?.name).toBe("S");
      store.deleteSummit("summit01");
      expect(store.getSummit("summit01")).toBeUndefined();
      expect(store.getWorkshop("workshop1")).toBeUndefined();
      expect(store.getParticipant("person01")).toBeUndefined();
      cleanup();
    });

    it("reads an author's ideas and authorship back at once after a post, a withdrawal or a rollback", () => {
      const { store, cleanup } = seeded();
      const author = (ideaId: string) => ({
        ideaId,
        workshopId: "workshop1",
        participantId: "person01",
        anonymous: false,
      });
      expect(store.ideasOf("person01")).toEqual([]);
      store.insertIdeaAuthor(author("idea0001"));
      store.insertIdeaAuthor(author("idea0002"));
      expect(store.ideasOf("person01")).toEqual(["idea0001", "idea0002"]);
      expect(store.getIdeaAuthor("idea0002")).toMatchObject({ withdrawnAt: null });
      store.withdrawIdea("idea0001", 9);
      expect(store.ideasOf("person01")).toEqual(["idea0002"]);
      expect(store.getIdeaAuthor("idea0001")).toMatchObject({ withdrawnAt: 9 });
      expect(() =>
        store.transaction(() => {
          store.insertIdeaAuthor(author("idea0003"));
          expect(store.ideasOf("person01")).toEqual(["idea0002", "idea0003"]);
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(store.ideasOf("person01")).toEqual(["idea0002"]);
      expect(store.getIdeaAuthor("idea0003")).toBeUndefined();
      cleanup();
    });

    it("keeps authorship and processed commands private and durable across a reopen", () => {
      const { store, reopen, cleanup } = seeded();
      store.insertIdeaAuthor({
        ideaId: "idea0001",
        workshopId: "workshop1",
        participantId: "person01",
        anonymous: true,
      });
      store.recordProcessed({
        principalId: "person01",
        commandId: "command1",
        result: '{"ok":true}',
        workshopId: "workshop1",
        at: 1,
      });
      store.close();
      const again = reopen();
      expect(again.ideasOf("person01")).toEqual(["idea0001"]);
      expect(again.findProcessed("person01", "command1")).toBe('{"ok":true}');
      expect(again.findProcessed("person02", "command1")).toBeUndefined();
      again.close();
      cleanup();
    });

    it("keeps a document's update log in order and compacts it to one row", () => {
      const { store, cleanup } = seeded();
      store.appendUpdate("board:workshop1", Uint8Array.of(1, 2), 1);
      store.appendUpdate("board:other", Uint8Array.of(9), 1);
      store.appendUpdate("board:workshop1", Uint8Array.of(3), 2);
      expect(store.loadUpdates("board:workshop1").map((u) => [...u])).toEqual([[1, 2], [3]]);
      expect(store.updateCount("board:workshop1")).toBe(2);
      store.compact("board:workshop1", Uint8Array.of(7, 7), 3);
      expect(store.loadUpdates("board:workshop1").map((u) => [...u])).toEqual([[7, 7]]);
      expect(store.loadUpdates("board:other").map((u) => [...u])).toEqual([[9]]);
      cleanup();
    });
  });
}
