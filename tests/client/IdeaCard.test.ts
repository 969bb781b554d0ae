import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AttendeeIdea } from "../../client/components/attendee/AttendeeBoard.svelte.js";
import IdeaCard from "../../client/components/attendee/IdeaCard.svelte";

const mine: AttendeeIdea = {
  key: "idea1",
  ideaId: "idea1",
  promptId: "prompt1",
  text: "Youth workers at the bus station",
  authorName: "Asha",
  own: true,
  status: "board",
  change: null,
  cluster: null,
};

function props(overrides: Partial<Parameters<typeof render<typeof IdeaCard>>[1]> = {}) {
  return {
    idea: mine,
    offline: false,
    mayEdit: false,
    mayWithdraw: false,
    maxLength: 280,
    voting: null,
    tally: null,
    onedit: vi.fn(),
    onwithdraw: vi.fn(),
    onaddvote: vi.fn(),
    onremovevote: vi.fn(),
    ...overrides,
  };
}

describe("IdeaCard", () => {
  it.each<[AttendeeIdea["status"], boolean, string]>([
    ["waiting", true, "Waiting to send"],
    ["sending", false, "Sending…"],
    ["pending", false, "Waiting for the facilitator"],
    ["held", false, "Being checked by the facilitator"],
    ["hidden", false, "Taken off the board by the facilitator"],
  ])("says calmly where an idea that is %s stands", (status, offline, words) => {
    render(IdeaCard, props({ idea: { ...mine, status }, offline }));
    expect(screen.getByText(words)).toBeTruthy();
    expect(screen.getByText("Yours")).toBeTruthy();
  });

  it("offers only the actions it is told to", () => {
    render(IdeaCard, props({ mayEdit: true }));
    expect(screen.getByRole("button", { name: "Edit" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Withdraw" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add a vote" })).toBeNull();
  });

  it("asks before withdrawing, and edits in place", async () => {
    const card = props({ mayEdit: true, mayWithdraw: true });
    render(IdeaCard, card);
    await fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    expect(card.onwithdraw).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    await fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    await fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    expect(card.onwithdraw).toHaveBeenCalledOnce();

    await fireEvent.click(screen.getByRole("button", { name: "Edit" }));
    await fireEvent.input(screen.getByLabelText("Edit your idea"), {
      target: { value: "Youth workers at the bus station on Fridays" },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(card.onedit).toHaveBeenCalledWith("Youth workers at the bus station on Fridays");
  });

  it("lets the attendee vote within what they may, and shows tallies only when given", async () => {
    const card = props({
      idea: { ...mine, own: false },
      voting: { mine: 2, max: 2, mayAdd: false, mayRemove: true },
    });
    render(IdeaCard, card);
    const add = screen.getByRole("button", { name: "Add a vote" }) as HTMLButtonElement;
    const remove = screen.getByRole("button", { name: "Remove a vote" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(remove.disabled).toBe(false);
    await fireEvent.click(remove);
    expect(card.onremovevote).toHaveBeenCalledOnce();
    expect(screen.getByText("2 votes")).toBeTruthy();
    expect(screen.queryByText("Yours")).toBeNull();
  });
});
