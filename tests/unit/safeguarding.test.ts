import { describe, expect, it } from "vitest";
import { safeguardingMatches } from "../../shared/safeguarding.js";

const kinds = (text: string) => safeguardingMatches(text).map((m) => m.kind);

describe("the safeguarding filter holds what looks like personal data", () => {
  it.each([
    ["ring me on 07700 900123 after the session", "phone"],
    ["her number is +44 7700 900 123", "phone"],
    ["landline (0161) 496 0000 is the one", "phone"],
    ["call 020 7946 0018", "phone"],
    ["01632960001 is the youth worker's line", "phone"],
    ["email jane.doe@example.org about it", "email"],
    ["j.smith+youth@council.gov.uk knows", "email"],
    ["the car was AB12 CDE again", "vehicle"],
    ["saw ab12cde outside school", "vehicle"],
    ["old blue van A123 BCD", "vehicle"],
    ["registration ABC 123D keeps coming back", "vehicle"],
    ["the flat in M1 1AE", "postcode"],
    ["lives near SW1A 1AA", "postcode"],
    ["kids hang around b15 2tt at night", "postcode"],
    ["he lives at 14 Acacia Avenue", "address"],
    ["the house at 221b Baker Street", "address"],
    ["dealing from 7 Mill Lane", "address"],
    ["3 Rose Close is the address", "address"],
    ["12 high street, above the shop", "address"],
    ["follow @jdoe_2009 on insta", "handle"],
    ["(@someone) posts the videos", "handle"],
  ])("holds %j as %s", (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it("names every finding once and gives the words that matched", () => {
    expect(safeguardingMatches("mail bob@example.com or text 07700 900123")).toEqual([
      { kind: "email", excerpt: "bob@example.com" },
      { kind: "phone", excerpt: "07700 900123" },
    ]);
  });
});

describe("the safeguarding filter leaves ordinary workshop language alone", () => {
  it.each([
    "call for 24/7 youth services",
    "A&E data sharing",
    "A&E data sharing between 3 partners",
    "fund youth clubs for 5 years, not 12 months",
    "our 3 close partners meet weekly",
    "2 way conversations with residents",
    "over 16s and under 25s need different approaches",
    "£250,000 over 3 years from the lottery",
    "COVID-19 changed outreach",
    "Section 17 of the Children Act 1989",
    "meet at 7pm on 12/03/2026",
    "the 101 non-emergency number",
    "Ofsted rating went from 3 to 2",
    "CSE and CCE training for all staff",
    "youth workers @ every school",
    "KS3 and KS4 pupils",
    "phase 2 of the project",
    "100 young people reached in 2025",
    "Use the NHS 111 service",
    "invest £1.5m in 10 community hubs",
  ])("does not hold %j", (text) => {
    expect(safeguardingMatches(text)).toEqual([]);
  });
});
