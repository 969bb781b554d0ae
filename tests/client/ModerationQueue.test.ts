import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { CommandType } from "../../shared/commands.js";
import type { QueuedIdea } from "../../shared/facilitation.js";
import ModerationQueue from "../../client/components/facilitator/ModerationQueue.svelte";
import { fakeAsk, fakeSend, idea, mayAll } from "./facilitatorFakes.js";

const PROMPTS = [{ id: "prompt1", text: "What works?" }];
const queue: QueuedIdea[] = [
  { idea: idea("idea01", "Tidy youth club"), status: "pending", matches: [] },
  {
    idea: idea("idea02", "Call the hub on 0161 496 0000"),
    status: "held",
    matches: [{ kind: "phone", excerpt: "0161 496 0000" }],
  },
  { idea: idea("idea03", "Late buses"), status: "pending", matches: [] },
  { idea: idea("idea04", "Something unkind"), status: "hidden", matches: [] },
];

function setUp() {
  const { send, sent } = fakeSend();
  const ask = fakeAsk({ confirm: true });
  render(ModerationQueue, { queue, prompts: PROMPTS, maxLength: 280, may: mayAll, send, ask });
  return { sent, ask };
}

const entry = (text: string) => screen.getByText(text).closest("li")!;

describe("ModerationQueue", () => {
  it("lists held ideas first, with why they were held", () => {
    setUp();
    const region = screen.getByRole("region", { name: /Moderation \(3 waiting\)/ });
    const items = within(region)
      .getAllByRole("listitem")
      .filter((li) => li.parentElement?.closest("li") === null);
    expect(items[0].textContent).toContain("Held by the filter");
    expect(items[0].textContent).toContain("Looks like a phone number: 0161 496 0000");
    expect(within(items[0]).getByRole("button", { name: "Release" })).toBeTruthy();
    expect(within(entry("Tidy youth club")).getByRole("button", { name: "Approve" })).toBeTruthy();
  });

  it("approves all pending ideas but never releases held ones in bulk", async () => {
    const { sent } = setUp();
    await fireEvent.click(screen.getByRole("button", { name: "Approve all pending (2)" }));
    expect(sent).toEqual([{ type: "idea.approve", payload: { ideaIds: ["idea01", "idea03"] } }]);
  });

  it("releases, deletes after asking, and restores hidden ideas", async () => {
    const { sent, ask } = setUp();
    const held = entry("Call the hub on 0161 496 0000");
    await fireEvent.click(within(held).getByRole("button", { name: "Release" }));
    await fireEvent.click(within(held).getByRole("button", { name: "Delete" }));
    await Promise.resolve();
    expect(ask.confirm).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByText("Hidden ideas (1)"));
    await fireEvent.click(
      within(entry("Something unkind")).getByRole("button", { name: "Restore" }),
    );
    expect(sent).toEqual([
      { type: "idea.approve", payload: { ideaIds: ["idea02"] } },
      { type: "idea.delete", payload: { ideaId: "idea02" } },
      { type: "idea.restore", payload: { ideaId: "idea04" } },
    ]);
  });

  it("offers only what the facilitator may do", () => {
    const { send } = fakeSend();
    render(ModerationQueue, {
      queue,
      prompts: PROMPTS,
      maxLength: 280,
      may: (type: CommandType) => type !== "idea.delete",
      send,
      ask: fakeAsk(),
    });
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
  });
});
