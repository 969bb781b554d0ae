import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fail, ok } from "../../shared/protocol.js";
import { STOPPED } from "../../shared/timer.js";
import { DEFAULT_SETTINGS } from "../../shared/workshop.js";
import ActivityCard from "../../client/components/organiser/ActivityCard.svelte";
import ConfirmDialog from "../../client/components/organiser/ConfirmDialog.svelte";
import ExportPanel from "../../client/components/organiser/ExportPanel.svelte";
import WorkshopCard from "../../client/components/organiser/WorkshopCard.svelte";
import { EXPORT_FORMATS } from "../../client/lib/exports.js";
import type { WorkshopActivity } from "../../client/lib/LiveOverview.svelte.js";

afterEach(() => vi.restoreAllMocks());

describe("ConfirmDialog", () => {
  it("confirms only once the summit's name is typed exactly", async () => {
    const { component } = render(ConfirmDialog);
    const answer = component.confirm({
      title: "Delete “Safer Together”?",
      message: "This cannot be undone.",
      confirmLabel: "Delete summit for good",
      danger: true,
      typeToConfirm: "Safer Together",
    });
    const dialog = await vi.waitFor(() =>
      screen.getByRole("dialog", { name: "Delete “Safer Together”?" }),
    );
    const input = within(dialog).getByLabelText("Type “Safer Together” to confirm");
    await fireEvent.input(input, { target: { value: "Safer" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Delete summit for good" }));
    expect(within(dialog).getByRole("alert").textContent).toMatch(/not the name/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    await fireEvent.input(input, { target: { value: "Safer Together" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Delete summit for good" }));
    expect(await answer).toBe(true);
  });

  it("resolves false when cancelled", async () => {
    const { component } = render(ConfirmDialog);
    const answer = component.confirm({
      title: "New links?",
      message: "Old ones stop.",
      confirmLabel: "Make new links",
    });
    await fireEvent.click(await vi.waitFor(() => screen.getByRole("button", { name: "Cancel" })));
    expect(await answer).toBe(false);
  });
});

describe("ExportPanel", () => {
  it("offers every format in plain words and saves the file the server made", async () => {
    const created = vi.fn((blob: Blob) => `blob:${blob.size}`);
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    const ondownload = vi.fn((file: string) =>
      Promise.resolve(
        file === "summit.json"
          ? fail("unreachable")
          : ok({ blob: new Blob(["x"]), filename: `safer-together-${file}` }),
      ),
    );
    render(ExportPanel, { title: "Whole summit", detailed: true, ondownload });
    const region = screen.getByRole("region", { name: "Whole summit" });
    const names = within(region)
      .getAllByRole("button")
      .map((b) => b.textContent?.replace(/\s+/g, " ").trim());
    expect(names).toEqual(EXPORT_FORMATS.map((f) => `${f.label} (${f.kind})`));
    await fireEvent.click(within(region).getByRole("button", { name: "Word report (DOCX)" }));
    await vi.waitFor(() => expect(clicked).toEqual(["safer-together-report.docx"]));
    expect(ondownload).toHaveBeenCalledWith("report.docx");
    await fireEvent.click(within(region).getByRole("button", { name: "All the data (JSON)" }));
    await vi.waitFor(() => within(region).getByRole("alert"));
    expect(clicked).toHaveLength(1);
  });
});

describe("ActivityCard", () => {
  it("shows the phase, the room's numbers and what is waiting", () => {
    const activity: WorkshopActivity = {
      status: { state: "online" },
      meta: {
        workshopId: "w1",
        title: "Room A",
        code: "123456",
        phase: "brainstorm",
        prompts: [],
        settings: DEFAULT_SETTINGS,
        votesRevealed: false,
        timer: STOPPED,
        spotlight: null,
        contentNote: null,
        online: 12,
      },
      ideas: 30,
      pending: 2,
      held: 1,
      votes: 41,
    };
    render(ActivityCard, { workshop: { id: "w1", title: "Room A", code: "123456" }, activity });
    const card = screen.getByRole("listitem", { name: "Room A" });
    const terms = within(card)
      .getAllByRole("term")
      .map((t) => t.textContent);
    const values = within(card)
      .getAllByRole("definition")
      .map((d) => d.textContent);
    expect(Object.fromEntries(terms.map((t, i) => [t, values[i]]))).toEqual({
      Online: "12",
      Ideas: "30",
      Waiting: "3",
      Votes: "41",
    });
    expect(card.textContent).toContain("Brainstorm");
    expect(card.textContent).toContain("Code 123 456");
    expect(card.textContent).toContain("2 awaiting approval, 1 held by the safeguarding filter");
  });

  it("says when the room cannot be followed", () => {
    render(ActivityCard, {
      workshop: { id: "w1", title: "Room A", code: "123456" },
      activity: {
        status: { state: "refused", reason: "unauthenticated", message: "Not valid." },
        meta: null,
        ideas: 0,
        pending: 0,
        held: 0,
        votes: 0,
      },
    });
    expect(screen.getByText("Not connected: Not valid.")).toBeTruthy();
  });
});

describe("WorkshopCard", () => {
  const workshop = { id: "workshop1", title: "Room A", code: "123456" };

  it("offers new links where this browser does not hold them, after asking", async () => {
    const confirm = vi.fn(() => Promise.resolve(true));
    const onrotate = vi.fn(() => Promise.resolve(ok({})));
    render(WorkshopCard, {
      workshop: { ...workshop, links: null },
      confirm,
      onrotate,
      ondelete: vi.fn(),
    });
    expect(screen.queryByRole("link", { name: /^Facilitator link/ })).toBeNull();
    expect(screen.getByText(/does not hold the facilitator and projector links/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "New links" }));
    await vi.waitFor(() => expect(onrotate).toHaveBeenCalled());
    expect(confirm).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/stop working at once/) }),
    );
  });

  it("deletes nothing unless confirmed, and shows why the server refused", async () => {
    let yes = false;
    const confirm = vi.fn(() => Promise.resolve(yes));
    const ondelete = vi.fn(() =>
      Promise.resolve(fail("not_found", "That workshop is not in your summit.")),
    );
    render(WorkshopCard, {
      workshop: { ...workshop, links: { facilitatorToken: "fac", projectorToken: "proj" } },
      confirm,
      onrotate: vi.fn(),
      ondelete,
    });
    expect(screen.getByRole("link", { name: /^Facilitator link/ }).getAttribute("href")).toMatch(
      /\/f\/workshop1#fac$/,
    );
    await fireEvent.click(screen.getByRole("button", { name: "Delete workshop" }));
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(ondelete).not.toHaveBeenCalled();
    yes = true;
    await fireEvent.click(screen.getByRole("button", { name: "Delete workshop" }));
    await vi.waitFor(() => screen.getByRole("alert"));
    expect(screen.getByRole("alert").textContent).toBe("That workshop is not in your summit.");
  });
});
