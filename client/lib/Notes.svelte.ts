import { createSubscriber } from "svelte/reactivity";
import * as Y from "yjs";
import { actionsArray, notesText, type Action } from "../../shared/notes.js";
import { newCommandId } from "./api.js";

/** An action as the console edits it; the id is made when it is added. */
export type ActionDraft = Omit<Action, "id">;

/**
 * The notes document, bound for the facilitators who write it together:
 * the running notes (Y.Text) and the agreed actions (Y.Array of plain
 * objects). Local edits sync through the connection's provider.
 */
export class Notes {
  readonly #doc: Y.Doc;
  readonly #text: Y.Text;
  readonly #actions: Y.Array<Action>;
  readonly #subscribe: () => void;
  #actionList: Action[] = [];
  #actionsStale = true;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#text = notesText(doc);
    this.#actions = actionsArray(doc);
    this.#actions.observe(() => (this.#actionsStale = true));
    this.#subscribe = createSubscriber((update) => {
      doc.on("update", update);
      return () => doc.off("update", update);
    });
  }

  /** the running notes as plain text */
  get text(): string {
    this.#subscribe();
    return this.#text.toString();
  }

  /**
   * The actions in their order. Two facilitators replacing the same action at
   * once leave two copies with its id; every replica shows the later one.
   */
  get actions(): Action[] {
    this.#subscribe();
    if (this.#actionsStale) {
      const items = this.#actions.toArray();
      const last: Record<string, number> = {};
      items.forEach((action, index) => (last[action.id] = index));
      this.#actionList = items.filter((action, index) => last[action.id] === index);
      this.#actionsStale = false;
    }
    return this.#actionList;
  }

  /** Adds an action at the end and returns its id. */
  addAction(draft: ActionDraft): string {
    const id = newCommandId();
    this.#actions.push([{ id, ...draft }]);
    return id;
  }

  /** Replaces an action (delete and insert, in one transaction: the array holds plain objects). */
  updateAction(id: string, draft: ActionDraft): void {
    this.#doc.transact(() => {
      const index = this.#removeAll(id);
      if (index !== null) this.#actions.insert(index, [{ id, ...draft }]);
    });
  }

  removeAction(id: string): void {
    this.#doc.transact(() => this.#removeAll(id));
  }

  /**
   * Binds a textarea to the notes text both ways (use as `{@attach notes.bind}`):
   * typing applies only the changed span to the Y.Text; a change from another
   * facilitator updates the textarea and moves the caret and selection with
   * the text around them. Ctrl/Cmd+Z undoes only this person's own typing.
   */
  bind = (textarea: HTMLTextAreaElement): (() => void) => {
    const origin = Symbol("textarea");
    const text = this.#text;
    // A plain Set is what Yjs asks for; nothing reads it reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const undo = new Y.UndoManager(text, { trackedOrigins: new Set([origin]) });
    textarea.value = text.toString();

    const onInput = () => {
      const change = spliceBetween(text.toString(), textarea.value);
      if (!change) return;
      this.#doc.transact(() => {
        if (change.remove > 0) text.delete(change.at, change.remove);
        if (change.insert) text.insert(change.at, change.insert);
      }, origin);
    };

    const onKeydown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const redo = (key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey);
      if (key !== "z" && !redo) return;
      event.preventDefault();
      if (redo) undo.redo();
      else undo.undo();
    };

    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return;
      const focused = textarea.ownerDocument.activeElement === textarea;
      const { selectionStart, selectionEnd, selectionDirection } = textarea;
      textarea.value = text.toString();
      if (!focused) return;
      // The undo manager replays our own typing: the caret goes where the change is.
      const own = transaction.origin === undo;
      textarea.setSelectionRange(
        movePosition(selectionStart, event.delta, own),
        movePosition(selectionEnd, event.delta, own),
        selectionDirection ?? undefined,
      );
    };

    textarea.addEventListener("input", onInput);
    textarea.addEventListener("keydown", onKeydown);
    text.observe(onChange);
    return () => {
      textarea.removeEventListener("input", onInput);
      textarea.removeEventListener("keydown", onKeydown);
      text.unobserve(onChange);
      undo.destroy();
    };
  };

  /** Deletes every copy of an action; returns where the first one was, or null. */
  #removeAll(id: string): number | null {
    let first: number | null = null;
    const items = this.#actions.toArray();
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i].id !== id) continue;
      this.#actions.delete(i, 1);
      first = i;
    }
    return first;
  }
}

/** The one span that differs between two texts, as a splice of the first; null when equal. */
export function spliceBetween(
  before: string,
  after: string,
): { at: number; remove: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < shortest - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return {
    at: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/**
 * Where a position in the text lands after a change (a Y.Text delta): text
 * inserted before it pushes it on, text deleted before it pulls it back.
 * Text inserted exactly at it goes after it, unless `follow` (then the
 * position moves past it, as the caret does after one's own undo or redo).
 */
export function movePosition(
  position: number,
  delta: Y.YTextEvent["delta"],
  follow = false,
): number {
  let index = 0;
  let moved = position;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (typeof op.insert === "string") {
      if (index < position || (follow && index === position)) moved += op.insert.length;
    } else if (op.delete !== undefined) {
      moved -= Math.max(0, Math.min(index + op.delete, position) - index);
      index += op.delete;
    }
    if (index > position) break;
  }
  return moved;
}
