import { readMeta, type BoardMeta } from "../../shared/board.js";
import type { CommandContext } from "./CommandContext.js";
import type { DocRoom } from "../yjs/DocRoom.js";

/** The board of the command's workshop with its meta; every workshop has both from creation. */
export function boardOf(ctx: CommandContext): { board: DocRoom; meta: BoardMeta } {
  const board = ctx.board();
  const meta = readMeta(board.doc);
  if (!meta) throw new Error(`workshop ${ctx.requireWorkshop().id} has no board`);
  return { board, meta };
}
