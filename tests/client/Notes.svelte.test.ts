import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { actionsArray, notesText, type Action } from "../../shared/notes.js";
import { movePosition, Notes, spliceBetween } from "../../client/lib/Notes.svelte.js";

/** Two facilitators' copies of the notes document, each update delivered to the other at once. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== b) Y.applyUpdate(b, update, a);
  });
  b.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== a) Y.applyUpdate(a, update, b);
  });
  return [a, b];
}

/** Types into a textarea as a browser does: the value changes, then an input event. */
function typeInto(textarea: HTMLTextAreaElement, value: string, caret = value.length) {
  textarea.value = value;
  textarea.setSelectionRange(caret, caret);
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

const ACTION: Omit<Action, "id"> = {
  text: "Map youth provision",
  owner: "Council",
  due: "2027-01-31",
  source: null,
};

describe("spliceBetween", () => {
  it("finds the one span that changed", () => {
    expect(spliceBetween("abc", "abc")).toBeNull();
    expect(spliceBetween("abc", "abXc")).toEqual({ at: 2, remove: 0, insert: "X" });
    expect(spliceBetween("abc", "ac")).toEqual({ at: 1, remove: 1, insert: "" });
    expect(spliceBetween("hello world", "hello there world")).toEqual({
      at: 6,
      remove: 0,
      insert: "there ",
    });
    // Repeated letters: the common prefix and suffix do not overlap.
    expect(spliceBetween("aaa", "aaaa")).toEqual({ at: 3, remove: 0, insert: "a" });
    expect(spliceBetween("", "new")).toEqual({ at: 0, remove: 0, insert: "new" });
  });
});

describe("movePosition", () => {
  it("moves a caret with text inserted or deleted before it, not after", () => {
    expect(movePosition(5, [{ insert: "abc" }])).toBe(8);
    expect(movePosition(5, [{ retain: 6 }, { insert: "abc" }])).toBe(5);
    expect(movePosition(5, [{ retain: 5 }, { insert: "abc" }])).toBe(5);
    expect(movePosition(5, [{ retain: 5 }, { insert: "abc" }], true)).toBe(8);
    expect(movePosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    // A deletion around the caret leaves it where the deleted text began.
    expect(movePosition(5, [{ retain: 3 }, { delete: 4 }])).toBe(3);
  });
});

describe("Notes", () => {
  const textareas: HTMLTextAreaElement[] = [];
  afterEach(() => {
    for (const textarea of textareas.splice(0)) textarea.remove();
  });

  function textarea(): HTMLTextAreaElement {
    const element = document.createElement("textarea");
    document.body.append(element);
    textareas.push(element);
    return element;
  }

  it("sends only what was typed, and keeps the caret when a colleague writes elsewhere", () => {
    const [mine, theirs] = pair();
    notesText(theirs).insert(0, "Agreed: youth workers");
    const notes = new Notes(mine);
    const field = textarea();
    const unbind = notes.bind(field);
    expect(field.value).toBe("Agreed: youth workers");

    const deltas: unknown[] = [];
    notesText(theirs).observe((event) => deltas.push(event.delta));
    field.focus();
    typeInto(field, "Agreed: youth workers in A&E");
    expect(notesText(theirs).toString()).toBe("Agreed: youth workers in A&E");
    expect(deltas).toEqual([[{ retain: 21 }, { insert: " in A&E" }]]);

    // The caret sits after "youth"; a colleague adds a line at the start and one at the end.
    field.setSelectionRange(13, 13);
    notesText(theirs).insert(0, "Room 2. ");
    notesText(theirs).insert(notesText(theirs).length, " Next: funding.");
    expect(field.value).toBe("Room 2. Agreed: youth workers in A&E Next: funding.");
    expect([field.selectionStart, field.selectionEnd]).toEqual([21, 21]);

    unbind();
    notesText(theirs).insert(0, "x");
    expect(field.value).toBe("Room 2. Agreed: youth workers in A&E Next: funding.");
  });

  it("undoes only this person's own typing", () => {
    const [mine, theirs] = pair();
    const notes = new Notes(mine);
    const field = textarea();
    notes.bind(field);
    field.focus();
    typeInto(field, "Ours.");
    notesText(theirs).insert(notesText(theirs).length, " Theirs.");
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true }));
    expect(notesText(theirs).toString()).toBe(" Theirs.");
    expect(field.value).toBe(" Theirs.");
    field.dispatchEvent(
      new KeyboardEvent("keydown", { key: "z", ctrlKey: true, shiftKey: true, bubbles: true }),
    );
    expect(field.value).toBe("Ours. Theirs.");
  });

  it("adds, replaces in place and removes actions, and every reader follows", () => {
    const [mine, theirs] = pair();
    const notes = new Notes(mine);
    const colleague = new Notes(theirs);
    const seen: string[][] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(colleague.actions.map((a) => `${a.text}/${a.owner}`));
      });
    });
    flushSync();
    const first = notes.addAction(ACTION);
    notes.addAction({ ...ACTION, text: "Fund peer mentors" });
    flushSync();
    notes.updateAction(first, { ...ACTION, owner: "Police" });
    flushSync();
    expect(seen.at(-1)).toEqual(["Map youth provision/Police", "Fund peer mentors/Council"]);
    expect(
      actionsArray(theirs)
        .toArray()
        .map((a) => a.id)[0],
    ).toBe(first);
    notes.removeAction(first);
    flushSync();
    expect(seen.at(-1)).toEqual(["Fund peer mentors/Council"]);
    stop();
  });

  it("shows one action when two facilitators replace it at once", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const notesA = new Notes(a);
    const id = notesA.addAction(ACTION);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const notesB = new Notes(b);
    notesA.updateAction(id, { ...ACTION, owner: "Council" });
    notesB.updateAction(id, { ...ACTION, owner: "Health" });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(actionsArray(a).length).toBe(2);
    expect(notesA.actions).toHaveLength(1);
    expect(notesA.actions).toEqual(notesB.actions);
    // The next edit leaves a single copy again.
    notesA.updateAction(id, { ...ACTION, owner: "Both" });
    expect(actionsArray(a).toArray()).toEqual([{ id, ...ACTION, owner: "Both" }]);
  });
});
