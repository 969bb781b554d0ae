import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { tick } from "svelte";
import { describe, expect, it } from "vitest";
import type { BoardCluster } from "../../shared/board.js";
import type { CommandType } from "../../shared/commands.js";
import { ok } from "../../shared/protocol.js";
import ClusterBoard from "../../client/components/facilitator/ClusterBoard.svelte";
import { fakeAsk, fakeSend, idea, mayAll } from "./facilitatorFakes.js";

const clusters: BoardCluster[] = [
  { id: "clusterA", title: "Safe spaces", order: 0 },
  { id: "clusterB", title: "Trusted adults", order: 1 },
];
const ideas = [
  idea("idea1", "Quiet rooms", { clusterId: "clusterA" }),
  idea("idea2", "Youth workers in A&E"),
];

function setUp(may = mayAll, answers: Parameters<typeof fakeAsk>[0] = {}) {
  const { send, sent } = fakeSend((type: CommandType) =>
    type === "cluster.create" ? ok({ clusterId: "clusterN" }) : ok({}),
  );
  const ask = fakeAsk(answers);
  const view = render(ClusterBoard, {
    ideas,
    clusters,
    prompts: [{ id: "prompt1", text: "What works?" }],
    tallies: {},
    showVotes: false,
    votesPrivate: true,
    spotlight: null,
    maxLength: 280,
    may,
    send,
    ask,
  });
  return { sent, ask, view };
}

const area = (name: string) => screen.getByRole("region", { name });
const card = (text: string) => screen.getByText(text).closest("li")!;

describe("ClusterBoard", () => {
  it("shows the clusters as areas beside the unclustered ideas", () => {
    setUp();
    expect(within(area("Unclustered")).getByText("Youth workers in A&E")).toBeTruthy();
    expect(within(area("Safe spaces")).getByText("Quiet rooms")).toBeTruthy();
    expect(within(area("Trusted adults")).getByText(/Drag ideas here/)).toBeTruthy();
  });

  it("moves an idea from its menu, to a cluster, out of any, or into a new one", async () => {
    const { sent, ask } = setUp(mayAll, { text: "Youth voice" });
    const menu = async (text: string, item: string) => {
      await fireEvent.click(within(card(text)).getByRole("button", { name: "Move to cluster…" }));
      await tick();
      await fireEvent.click(screen.getByRole("menuitem", { name: item }));
      await tick();
    };
    await fireEvent.click(
      within(card("Youth workers in A&E")).getByRole("button", { name: "Move to cluster…" }),
    );
    await tick();
    // The idea's own cluster is not offered; "No cluster" only for a clustered idea.
    expect(screen.getAllByRole("menuitem").map((i) => i.textContent?.trim())).toEqual([
      "Safe spaces",
      "Trusted adults",
      "New cluster…",
    ]);
    await fireEvent.click(screen.getByRole("menuitem", { name: "Trusted adults" }));
    await tick();
    await menu("Quiet rooms", "No cluster");
    await menu("Youth workers in A&E", "New cluster…");
    expect(ask.text).toHaveBeenCalledOnce();
    expect(sent).toEqual([
      { type: "cluster.move-idea", payload: { ideaId: "idea2", clusterId: "clusterB" } },
      { type: "cluster.move-idea", payload: { ideaId: "idea1", clusterId: null } },
      { type: "cluster.create", payload: { title: "Youth voice", ideaIds: ["idea2"] } },
    ]);
  });

  it("takes an idea dropped on a cluster", async () => {
    const { sent } = setUp();
    const data = new Map<string, string>();
    const dataTransfer = {
      types: [] as string[],
      setData: (type: string, value: string) => {
        data.set(type, value);
        dataTransfer.types.push(type);
      },
      getData: (type: string) => data.get(type) ?? "",
      effectAllowed: "none",
      dropEffect: "none",
    };
    await fireEvent.dragStart(card("Youth workers in A&E"), { dataTransfer });
    expect(dataTransfer.types).toContain("application/x-roundtable-idea");
    await fireEvent.dragOver(area("Safe spaces"), { dataTransfer });
    await fireEvent.drop(area("Safe spaces"), { dataTransfer });
    expect(sent).toEqual([
      { type: "cluster.move-idea", payload: { ideaId: "idea2", clusterId: "clusterA" } },
    ]);
  });

  it("offers no clustering where the facilitator may not cluster", () => {
    setUp((type) => !type.startsWith("cluster.") && type !== "spotlight.set");
    expect(screen.queryByRole("button", { name: "Move to cluster…" })).toBeNull();
    expect(screen.queryByLabelText("New cluster")).toBeNull();
    expect(screen.queryByRole("button", { name: "Spotlight" })).toBeNull();
    expect(card("Quiet rooms").getAttribute("draggable")).toBeNull();
    expect(screen.getAllByRole("button", { name: "Actions" })).toHaveLength(2);
  });
});
