import { flushSync } from "svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import { fail, ok, type Result } from "../../shared/protocol.js";
import { organiser, Summit, type SummitApi } from "../../client/lib/Summit.svelte.js";
import {
  createdWorkshops,
  knownSummits,
  organiserKey,
  storeCreatedWorkshops,
  storeOrganiserKey,
} from "../../client/lib/storage.js";
import type { SummitListing } from "../../client/lib/summitApi.js";

const KEY = "organiserKey0000000001";
const OTHER_KEY = "organiserKey0000000002";

function listing(workshops: SummitListing["workshops"] = []): SummitListing {
  return {
    summit: {
      id: "summit1",
      name: "Safer Together",
      date: "2025-06-12",
      venue: null,
      archived: false,
    },
    workshops,
  };
}

/** A server that answers from a table, and records every command it was sent. */
function fakeApi(
  options: {
    summit?: () => Result<SummitListing>;
    answer?: (type: CommandType, payload: unknown) => Result;
  } = {},
) {
  const sent: { type: CommandType; payload: unknown; key: string | null }[] = [];
  const api: SummitApi = {
    fetchSummit: vi.fn(() => Promise.resolve(options.summit?.() ?? ok(listing()))),
    fetchExport: vi.fn(() =>
      Promise.resolve(ok({ blob: new Blob(["x"]), filename: "summit-ideas.csv" })),
    ),
    postCommand: (<T extends CommandType>(
      key: string | null,
      type: T,
      payload: CommandPayload<T>,
    ): Promise<Result<CommandResults[T]>> => {
      sent.push({ type, payload, key });
      return Promise.resolve(
        (options.answer?.(type, payload) ?? ok({})) as Result<CommandResults[T]>,
      );
    }) as SummitApi["postCommand"],
  };
  return { api, sent };
}

beforeEach(() => localStorage.clear());

describe("Summit", () => {
  it("loads the summit and pairs each workshop with the links this browser keeps", async () => {
    storeCreatedWorkshops([
      {
        workshopId: "workshopA",
        code: "111111",
        facilitatorToken: "facA",
        projectorToken: "projA",
        title: "Room A",
        createdAt: 1,
      },
    ]);
    const { api } = fakeApi({
      summit: () =>
        ok(
          listing([
            { id: "workshopA", title: "Room A", code: "111111" },
            { id: "workshopB", title: "Room B", code: "222222" },
          ]),
        ),
    });
    const summit = new Summit(KEY, api);
    expect(summit.status).toEqual({ state: "loading" });
    await summit.refresh();
    expect(summit.status).toEqual({ state: "ready" });
    expect(summit.info?.name).toBe("Safer Together");
    expect(summit.workshops.map((w) => [w.id, w.links])).toEqual([
      ["workshopA", { facilitatorToken: "facA", projectorToken: "projA" }],
      ["workshopB", null],
    ]);
    // The summit's name is kept beside its key, for the list of summits in this browser.
    expect(knownSummits()).toEqual([{ key: KEY, name: "Safer Together" }]);
  });

  it("keeps a new workshop's links, replaces them on rotation and forgets them on deletion", async () => {
    let tokens = 0;
    const { api, sent } = fakeApi({
      answer: (type) => {
        if (type === "workshop.create")
          return ok({
            workshopId: "workshopC",
            code: "333333",
            facilitatorToken: "f1",
            projectorToken: "p1",
          });
        if (type === "workshop.rotate-links")
          return ok({ facilitatorToken: `f${++tokens + 1}`, projectorToken: `p${tokens + 1}` });
        return ok({});
      },
    });
    const summit = new Summit(KEY, api);
    await summit.refresh();
    const created = await summit.createWorkshop({ title: "Room C", prompts: ["Why?"] });
    expect(created).toMatchObject({ ok: true, value: { id: "workshopC", code: "333333" } });
    expect(summit.workshops.map((w) => w.links)).toEqual([
      { facilitatorToken: "f1", projectorToken: "p1" },
    ]);
    expect(createdWorkshops().map((w) => w.facilitatorToken)).toEqual(["f1"]);

    expect((await summit.rotateLinks("workshopC")).ok).toBe(true);
    expect(summit.workshops[0].links).toEqual({ facilitatorToken: "f2", projectorToken: "p2" });
    expect(createdWorkshops().map((w) => w.facilitatorToken)).toEqual(["f2"]);

    expect((await summit.deleteWorkshop("workshopC")).ok).toBe(true);
    expect(summit.workshops).toEqual([]);
    expect(createdWorkshops()).toEqual([]);
    expect(sent.map((s) => [s.type, s.key])).toEqual([
      ["workshop.create", KEY],
      ["workshop.rotate-links", KEY],
      ["workshop.delete", KEY],
    ]);
  });

  it("gets links for a workshop made on another device by rotating them", async () => {
    const { api } = fakeApi({
      summit: () => ok(listing([{ id: "workshopD", title: "Room D", code: "444444" }])),
      answer: () => ok({ facilitatorToken: "fD", projectorToken: "pD" }),
    });
    const summit = new Summit(KEY, api);
    await summit.refresh();
    expect(summit.workshops[0].links).toBeNull();
    await summit.rotateLinks("workshopD");
    expect(summit.workshops[0].links).toEqual({ facilitatorToken: "fD", projectorToken: "pD" });
    expect(createdWorkshops()).toMatchObject([{ workshopId: "workshopD", title: "Room D" }]);
  });

  it("changes nothing the server refused, and shows a key that no longer works on every page", async () => {
    const { api } = fakeApi({ answer: () => fail("archived") });
    const summit = new Summit(KEY, api);
    await summit.refresh();
    const refused = await summit.update({ name: "New name" });
    expect(refused).toMatchObject({ ok: false, error: { code: "archived" } });
    expect(summit.info?.name).toBe("Safer Together");
    expect(summit.status.state).toBe("ready");

    const revoked = new Summit(KEY, fakeApi({ summit: () => fail("unauthenticated") }).api);
    await revoked.refresh();
    expect(revoked.status).toMatchObject({ state: "refused", code: "unauthenticated" });
    expect(revoked.status.state === "refused" && revoked.status.message).toMatch(
      /does not open any summit.*deleted/,
    );
  });

  it("says the server cannot be reached only while there is nothing to show", async () => {
    let answer: Result<SummitListing> = fail("unreachable");
    const summit = new Summit(KEY, fakeApi({ summit: () => answer }).api);
    await summit.refresh();
    expect(summit.status.state).toBe("unreachable");
    answer = ok(listing());
    await summit.refresh();
    expect(summit.status.state).toBe("ready");
    answer = fail("unreachable");
    await summit.refresh();
    expect(summit.status.state).toBe("ready");
  });

  it("updates, archives and reopens only after the server agreed", async () => {
    const { api, sent } = fakeApi({
      answer: (type, payload) =>
        type === "summit.archive" ? ok(payload as { archived: boolean }) : ok({}),
    });
    const summit = new Summit(KEY, api);
    await summit.refresh();
    await summit.update({ name: "Safer Together 2025", date: null, venue: "Town hall" });
    expect(summit.info).toMatchObject({
      name: "Safer Together 2025",
      date: null,
      venue: "Town hall",
    });
    await summit.setArchived(true);
    expect(summit.archived).toBe(true);
    await summit.setArchived(false);
    expect(summit.archived).toBe(false);
    expect(sent.map((s) => s.type)).toEqual(["summit.update", "summit.archive", "summit.archive"]);
  });

  it("after deleting the summit, forgets its key and links and offers another summit's key", async () => {
    storeOrganiserKey(OTHER_KEY, "Spring review");
    storeOrganiserKey(KEY, "Safer Together");
    storeCreatedWorkshops([
      {
        workshopId: "workshopA",
        code: "111111",
        facilitatorToken: "f",
        projectorToken: "p",
        title: "A",
        createdAt: 1,
      },
    ]);
    const summit = new Summit(
      KEY,
      fakeApi({ summit: () => ok(listing([{ id: "workshopA", title: "A", code: "111111" }])) }).api,
    );
    await summit.refresh();
    expect((await summit.remove()).ok).toBe(true);
    expect(summit.status).toEqual({ state: "deleted", name: "Safer Together", next: OTHER_KEY });
    expect(organiserKey()).toBe(OTHER_KEY);
    expect(knownSummits().map((s) => s.key)).toEqual([OTHER_KEY]);
    expect(createdWorkshops()).toEqual([]);
  });

  it("keeps a new summit's key beside this one", async () => {
    const { api } = fakeApi({ answer: () => ok({ summitId: "summit2", organiserKey: OTHER_KEY }) });
    storeOrganiserKey(KEY, "Safer Together");
    const summit = new Summit(KEY, api);
    const result = await summit.createAnother({ name: "Spring review" });
    expect(result).toEqual({ ok: true, value: { organiserKey: OTHER_KEY } });
    expect(organiserKey()).toBe(KEY);
    expect(knownSummits()).toEqual([
      { key: KEY, name: "Safer Together" },
      { key: OTHER_KEY, name: "Spring review" },
    ]);
  });
});

describe("the organiser session", () => {
  it("takes a key from a link's fragment, and refuses what is not a key", () => {
    expect(organiser.adopt("not a key")).toBe(false);
    expect(organiser.adopt("short")).toBe(false);
    expect(organiserKey()).toBeNull();
    expect(organiser.adopt(KEY)).toBe(true);
    expect(organiserKey()).toBe(KEY);
  });

  it("opens the summit of the current key and switches to another", () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new Error("offline"))),
    );
    try {
      expect(organiser.open()).toBeNull();
      storeOrganiserKey(KEY);
      const first = organiser.open();
      expect(first?.key).toBe(KEY);
      expect(organiser.open()).toBe(first);
      storeOrganiserKey(OTHER_KEY);
      organiser.switchTo(KEY);
      flushSync();
      expect(organiser.summit).toBe(first);
      organiser.switchTo(OTHER_KEY);
      expect(organiser.summit?.key).toBe(OTHER_KEY);
      expect(organiser.others().map((s) => s.key)).toEqual([KEY]);
      organiser.forget(OTHER_KEY);
      expect(organiser.summit?.key).toBe(KEY);
      organiser.forget(KEY);
      expect(organiser.summit).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
