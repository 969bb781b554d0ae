import type * as Y from "yjs";

/**
 * The notes document, `notes:<workshopId>`: the one document facilitators
 * write directly (collaborative text), so several of them can take notes at
 * once. Organisers read it for exports.
 */
export const NOTES = {
  /** Y.Text: the running notes */
  text: "notes",
  /** Y.Array of `Action` (plain objects, replaced whole on change) */
  actions: "actions",
} as const;

/** A follow-up action agreed in the room. */
export interface Action {
  id: string;
  text: string;
  owner: string;
  /** ISO date (yyyy-mm-dd) or empty */
  due: string;
  /** the idea or cluster it came from, if any */
  source: { kind: "idea" | "cluster"; id: string } | null;
}

/** The notes text, typed. */
export function notesText(doc: Y.Doc): Y.Text {
  return doc.getText(NOTES.text);
}

/** The actions array, typed. */
export function actionsArray(doc: Y.Doc): Y.Array<Action> {
  return doc.getArray(NOTES.actions);
}
