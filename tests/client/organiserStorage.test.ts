import { beforeEach, describe, expect, it } from "vitest";
import { matchRoute, organiserPath } from "../../shared/routes.js";
import { shortJoinUrl } from "../../client/lib/links.js";
import {
  forgetSummit,
  knownSummits,
  organiserKey,
  rememberSummit,
  storeOrganiserKey,
} from "../../client/lib/storage.js";
import { formatSummitDate } from "../../client/lib/summitDates.js";
import { filenameOf } from "../../client/lib/summitApi.js";

beforeEach(() => localStorage.clear());

describe("the summits this browser holds keys for", () => {
  it("lists each key once, with the summit's latest name", () => {
    storeOrganiserKey("keyA", "Safer Together");
    storeOrganiserKey("keyB");
    rememberSummit("keyB", "Spring review");
    rememberSummit("keyA", null);
    expect(organiserKey()).toBe("keyB");
    expect(knownSummits()).toEqual([
      { key: "keyA", name: "Safer Together" },
      { key: "keyB", name: "Spring review" },
    ]);
  });

  it("counts a key stored before summits were listed", () => {
    localStorage.setItem("roundtable.organiser", "keyOld");
    expect(knownSummits()).toEqual([{ key: "keyOld", name: null }]);
  });

  it("forgetting the open summit opens another known one, or none", () => {
    storeOrganiserKey("keyA", "A");
    storeOrganiserKey("keyB", "B");
    expect(forgetSummit("keyA")).toBe("keyB");
    expect(organiserKey()).toBe("keyB");
    expect(forgetSummit("keyB")).toBeNull();
    expect(organiserKey()).toBeNull();
    expect(knownSummits()).toEqual([]);
  });

  it("ignores what it cannot read", () => {
    localStorage.setItem("roundtable.organiser.summits", '[{"key":1},"x",{"key":"k","name":null}]');
    expect(knownSummits()).toEqual([{ key: "k", name: null }]);
  });
});

describe("organiser addresses and words", () => {
  it("routes every organiser page", () => {
    for (const section of ["workshops", "overview", "summit", "sheet"] as const) {
      expect(matchRoute(organiserPath(section))).toEqual({ view: "organiser", section });
    }
    expect(matchRoute("/organiser/")).toEqual({ view: "organiser", section: "workshops" });
    expect(matchRoute("/organiser/nope")).toEqual({ view: "not-found" });
  });

  it("writes the join address without its scheme for paper", () => {
    expect(shortJoinUrl("123456", "https://summit.example.org")).toBe(
      "summit.example.org/join/123456",
    );
  });

  it("writes a summit's date in full, the same way everywhere", () => {
    expect(formatSummitDate("2025-06-12")).toBe("Thursday 12 June 2025");
    expect(formatSummitDate("not a date")).toBe("not a date");
  });

  it("reads the file name the server gives an export", () => {
    const headers = (value: string) => ({ headers: new Headers({ "content-disposition": value }) });
    expect(filenameOf(headers('attachment; filename="safer-together-ideas.csv"'))).toBe(
      "safer-together-ideas.csv",
    );
    expect(filenameOf(headers("attachment; filename=report.md"))).toBe("report.md");
    expect(filenameOf({ headers: new Headers() })).toBeNull();
  });
});
