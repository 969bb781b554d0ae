import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { BoardCluster } from "../../shared/board.js";
import VotingPanel from "../../client/components/facilitator/VotingPanel.svelte";
import { fakeAsk, fakeSend, idea, mayAll } from "./facilitatorFakes.js";

const clusters: BoardCluster[] = [
  { id: "clusterA", title: "Safe spaces", order: 0 },
  { id: "clusterB", title: "Trusted adults", order: 1 },
  { id: "clusterC", title: "Funding", order: 2 },
];
const ideas = [
  idea("idea1", "Quiet rooms", { clusterId: "clusterA" }),
  idea("idea2", "Youth workers in A&E", { clusterId: "clusterB" }),
  idea("idea3", "Peer mentors", { clusterId: "clusterB" }),
  idea("idea4", "Longer grants", { clusterId: "clusterC" }),
];
// Safe spaces 3, Trusted adults 3 (2 + 1), Funding 1; ideas 3, 2, 1, 1.
const tallies = { idea1: 3, idea2: 2, idea3: 1, idea4: 1 };

function setUp(props: { revealed?: boolean; liveResults?: boolean } = {}) {
  const { send, sent } = fakeSend();
  const ask = fakeAsk({ confirm: true });
  render(VotingPanel, {
    revealed: false,
    liveResults: false,
    ideas,
    clusters,
    tallies,
    spotlight: null,
    may: mayAll,
    send,
    ask,
    ...props,
  });
  return { sent, ask };
}

function ranks(list: string): string[] {
  return within(screen.getByRole("region", { name: list }))
    .getAllByRole("listitem")
    .map(
      (li) =>
        `${li.querySelector(".rank")?.textContent} ${li.querySelector(".label")?.textContent}`,
    );
}

describe("VotingPanel", () => {
  it("ranks clusters and ideas, showing ties as ties", () => {
    setUp();
    expect(ranks("By cluster")).toEqual(["=1 Safe spaces", "=1 Trusted adults", "3 Funding"]);
    expect(ranks("By idea")).toEqual([
      "1 Quiet rooms",
      "2 Youth workers in A&E",
      "=3 Peer mentors",
      "=3 Longer grants",
    ]);
    expect(screen.getAllByText("Rank 1, tied:")).toHaveLength(2);
  });

  it("says the tallies are private until revealed, and reveals them", async () => {
    const { sent } = setUp();
    expect(screen.getByText("Only you see these")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Reveal results" }));
    expect(sent).toEqual([{ type: "votes.reveal", payload: { revealed: true } }]);
  });

  it("asks before resetting the votes", async () => {
    const { sent, ask } = setUp({ revealed: true });
    expect(screen.getByText("Revealed to everyone")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Reset votes…" }));
    await Promise.resolve();
    expect(ask.confirm).toHaveBeenCalledWith(expect.objectContaining({ danger: true }));
    expect(sent).toEqual([{ type: "votes.reset", payload: {} }]);
  });

  it("spotlights a cluster from the results, and clears it from the same button", async () => {
    const { sent } = setUp();
    const top = within(screen.getByRole("region", { name: "By cluster" })).getAllByRole(
      "listitem",
    )[0];
    await fireEvent.click(within(top).getByRole("button", { name: "Spotlight" }));
    expect(sent).toEqual([
      { type: "spotlight.set", payload: { target: { kind: "cluster", id: "clusterA" } } },
    ]);
  });
});
