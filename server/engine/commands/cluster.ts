import {
  clustersMap,
  getIdea,
  metaMap,
  putIdea,
  readClusters,
  readIdeas,
  type BoardCluster,
  type Spotlight,
} from "../../../shared/board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { audit, boardIdea } from "../ideas.js";
import { Refusal } from "../Refusal.js";
import { newId } from "../secrets.js";

/**
 * Clusters live on the board; an idea names its cluster. Facilitators
 * cluster in any open phase; attendees in the cluster phase when the
 * workshop lets them [P3].
 */

/** [K1] Creates a cluster at the end, optionally with ideas already in it. */
export const createCluster: CommandDefinition<"cluster.create"> = {
  apply(ctx, { title, ideaIds = [] }) {
    const board = ctx.board();
    const ideas = ideaIds.map((id) => boardIdea(ctx, id));
    const clusters = readClusters(board.doc);
    const cluster: BoardCluster = {
      id: newId(),
      title,
      order: clusters.length === 0 ? 0 : clusters[clusters.length - 1].order + 1,
    };
    ctx.change(board, () => {
      clustersMap(board.doc).set(cluster.id, cluster);
      for (const idea of ideas) putIdea(board.doc, { ...idea, clusterId: cluster.id });
    });
    return { clusterId: cluster.id };
  },
};

/** [K2] Renames a cluster. */
export const renameCluster: CommandDefinition<"cluster.rename"> = {
  apply(ctx, { clusterId, title }) {
    const board = ctx.board();
    const cluster = existing(ctx, clusterId);
    ctx.change(board, () => clustersMap(board.doc).set(clusterId, { ...cluster, title }));
    return {};
  },
};

/** [K3] Dissolves a cluster: its ideas stay on the board, unclustered. */
export const dissolveCluster: CommandDefinition<"cluster.dissolve"> = {
  apply(ctx, { clusterId }) {
    const cluster = existing(ctx, clusterId);
    moveAll(ctx, clusterId, null);
    audit(ctx, "dissolved cluster", null, cluster.title);
    return {};
  },
};

/** [K4] Merges one cluster into another: its ideas join the other, and it goes. */
export const mergeCluster: CommandDefinition<"cluster.merge"> = {
  apply(ctx, { clusterId, intoId }) {
    if (clusterId === intoId)
      throw new Refusal("invalid_payload", "A cluster cannot merge into itself.");
    const source = existing(ctx, clusterId);
    const target = existing(ctx, intoId);
    moveAll(ctx, clusterId, intoId);
    audit(
      ctx,
      "merged cluster",
      null,
      `${JSON.stringify(source.title)} into ${JSON.stringify(target.title)}`,
    );
    return {};
  },
};

/** [K5] Moves a cluster to a position among the others (0 is first; past the end is last). */
export const reorderCluster: CommandDefinition<"cluster.reorder"> = {
  apply(ctx, { clusterId, index }) {
    const board = ctx.board();
    existing(ctx, clusterId);
    const others = readClusters(board.doc).filter((c) => c.id !== clusterId);
    const ordered = [
      ...others.slice(0, index),
      clustersMap(board.doc).get(clusterId)!,
      ...others.slice(index),
    ];
    ctx.change(board, () => {
      ordered.forEach((cluster, order) => {
        if (cluster.order !== order) clustersMap(board.doc).set(cluster.id, { ...cluster, order });
      });
    });
    return {};
  },
};

/**
 * [K8] Creates several clusters with their ideas in one step (accepting
 * suggestions). Ideas that left the board since the suggestion was made
 * are skipped, not refused: the room moved on, the rest still applies.
 */
export const applyClusters: CommandDefinition<"clusters.apply"> = {
  apply(ctx, { groups }) {
    const board = ctx.board();
    const existing = readClusters(board.doc);
    let order = existing.length === 0 ? 0 : existing[existing.length - 1].order + 1;
    const clusterIds: string[] = [];
    let moved = 0;
    let skipped = 0;
    const claimed = new Set<string>();
    ctx.change(board, () => {
      for (const group of groups) {
        const cluster: BoardCluster = { id: newId(), title: group.title, order: order++ };
        clustersMap(board.doc).set(cluster.id, cluster);
        clusterIds.push(cluster.id);
        for (const ideaId of group.ideaIds) {
          const idea = getIdea(board.doc, ideaId);
          if (!idea || claimed.has(ideaId)) {
            skipped++;
            continue;
          }
          claimed.add(ideaId);
          putIdea(board.doc, { ...idea, clusterId: cluster.id });
          moved++;
        }
      }
    });
    audit(ctx, "applied suggested clusters", null, `${groups.length} clusters, ${moved} ideas`);
    return { clusterIds, moved, skipped };
  },
};

/** [K6] Moves an idea into a cluster, or out of any (null). */
export const moveIdea: CommandDefinition<"cluster.move-idea"> = {
  apply(ctx, { ideaId, clusterId }) {
    const board = ctx.board();
    const idea = boardIdea(ctx, ideaId);
    if (clusterId !== null) existing(ctx, clusterId);
    if (idea.clusterId !== clusterId) {
      ctx.change(board, () => putIdea(board.doc, { ...idea, clusterId }));
    }
    return {};
  },
};

/** [K7] Shows one idea or cluster large on the projector, or nothing. */
export const setSpotlight: CommandDefinition<"spotlight.set"> = {
  apply(ctx, { target }) {
    const board = ctx.board();
    if (target?.kind === "idea") boardIdea(ctx, target.id);
    if (target?.kind === "cluster") existing(ctx, target.id);
    ctx.change(board, () => metaMap(board.doc).set("spotlight", target));
    return {};
  },
};

function existing(ctx: CommandContext, clusterId: string): BoardCluster {
  const cluster = clustersMap(ctx.board().doc).get(clusterId);
  if (!cluster) throw new Refusal("not_found", "That cluster is not on the board.");
  return cluster;
}

/** Moves every idea of a cluster elsewhere (null: out of any) and deletes the cluster. */
function moveAll(ctx: CommandContext, clusterId: string, to: string | null): void {
  const board = ctx.board();
  ctx.change(board, () => {
    for (const idea of readIdeas(board.doc)) {
      if (idea.clusterId === clusterId) putIdea(board.doc, { ...idea, clusterId: to });
    }
    clustersMap(board.doc).delete(clusterId);
    const spotlight = metaMap(board.doc).get("spotlight") as Spotlight | null | undefined;
    if (spotlight?.kind === "cluster" && spotlight.id === clusterId)
      metaMap(board.doc).set("spotlight", null);
  });
}
