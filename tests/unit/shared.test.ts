import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  docNames,
  getIdea,
  ideasMap,
  parseDocName,
  putIdea,
  readIdeas,
  type BoardIdea,
} from "../../shared/board.js";
import { COMMAND_TYPES, commandSchemas, isCommandType } from "../../shared/commands.js";
import { PERMISSIONS, refusal } from "../../shared/permissions.js";
import { ERROR_CODES, fail, isErrorCode } from "../../shared/protocol.js";
import { normaliseJoinCode } from "../../shared/workshop.js";

describe("join codes", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    [" 12-34-56 ", "123456"],
    ["https://roundtable.example/join/654321", "654321"],
    ["http://localhost:3000/join/000 123?x=1", "000123"],
  ])("reads %j as %s", (input, code) => {
    expect(normaliseJoinCode(input)).toBe(code);
  });

  it.each(["12345", "1234567", "12a456", "", "https://x/join/abc"])(
    "finds no code in %j",
    (input) => {
      expect(normaliseJoinCode(input)).toBeNull();
    },
  );
});

describe("document names", () => {
  it("round-trips every kind", () => {
    for (const kind of ["board", "facilitation", "notes"] as const) {
      expect(parseDocName(docNames[kind]("abcdef12"))).toEqual({ kind, workshopId: "abcdef12" });
    }
  });

  it.each(["board:", "board:abc", "secrets:abcdef12", "board:abcdef12/../x", "board:abcdef12\n"])(
    "refuses %j",
    (name) => expect(parseDocName(name)).toBeNull(),
  );
});

describe("ideas on the board document", () => {
  const idea: BoardIdea = {
    id: "idea-one",
    promptId: "prompt-1",
    text: "Youth workers on the street after school",
    authorName: null,
    createdAt: 1_795_000_000_000,
    clusterId: null,
    merged: 0,
  };

  it("stores an idea under its id without repeating the id, and reads it back whole", () => {
    const doc = new Y.Doc();
    putIdea(doc, idea);
    expect(ideasMap(doc).get("idea-one")).not.toHaveProperty("id");
    expect(getIdea(doc, "idea-one")).toEqual(idea);
    expect(readIdeas(doc)).toEqual([idea]);
    expect(getIdea(doc, "other")).toBeUndefined();
  });

  it("reads a value written with its id (documents from protocol 1) by its key", () => {
    const doc = new Y.Doc();
    ideasMap(doc).set("idea-one", { ...idea, id: "stale" } as Omit<BoardIdea, "id">);
    expect(readIdeas(doc)).toEqual([idea]);
    expect(getIdea(doc, "idea-one")).toEqual(idea);
  });
});

describe("the permissions table", () => {
  it("has a row for every command and a schema for every row", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const type of COMMAND_TYPES) expect(commandSchemas[type]).toBeDefined();
  });

  it("[P1] refuses a role not in the row: unauthenticated without a token, forbidden otherwise", () => {
    expect(refusal("idea.post", "none", "brainstorm")).toBe("unauthenticated");
    expect(refusal("idea.post", "projector", "brainstorm")).toBe("forbidden");
    expect(refusal("phase.set", "attendee", "lobby")).toBe("forbidden");
    expect(refusal("idea.post", "attendee", "brainstorm")).toBeNull();
  });

  it("[P2] refuses a phase not in the row: workshop_closed when closed, wrong_phase otherwise", () => {
    expect(refusal("idea.post", "attendee", "vote")).toBe("wrong_phase");
    expect(refusal("idea.post", "attendee", "closed")).toBe("workshop_closed");
    expect(refusal("participant.join", "none", "closed")).toBe("workshop_closed");
    expect(refusal("phase.set", "facilitator", "closed")).toBeNull();
  });
});

describe("commands and results", () => {
  it("knows its commands and nothing else", () => {
    expect(isCommandType("idea.post")).toBe(true);
    expect(isCommandType("toString")).toBe(false);
    expect(isCommandType("__proto__")).toBe(false);
  });

  it("gives every error code a human message", () => {
    for (const [code, message] of Object.entries(ERROR_CODES)) {
      expect(isErrorCode(code)).toBe(true);
      expect(message.length).toBeGreaterThan(10);
      expect(fail(code as keyof typeof ERROR_CODES)).toEqual({
        ok: false,
        error: { code, message },
      });
    }
    expect(isErrorCode("hasOwnProperty")).toBe(false);
  });

  it("refuses unknown keys in payloads", () => {
    const parsed = commandSchemas["idea.post"].safeParse({
      promptId: "abcdef12",
      text: "x",
      votes: 9,
    });
    expect(parsed.success).toBe(false);
  });
});
