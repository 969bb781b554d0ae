import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import CharacterCounter from "../../client/components/CharacterCounter.svelte";

describe("CharacterCounter", () => {
  it("shows what is used of the limit, in words for screen readers", () => {
    const { container } = render(CharacterCounter, { length: 12, max: 280, id: "count" });
    const counter = container.querySelector("#count");
    expect(counter?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "12 / 280 of 280 characters used",
    );
    expect(counter?.getAttribute("data-level")).toBe("ok");
  });

  it("says nothing aloud until the limit is near, then once per level", async () => {
    const { rerender, container } = render(CharacterCounter, { length: 100, max: 280 });
    const live = () => container.querySelector("[aria-live]")?.textContent;
    expect(live()).toBe("");
    await rerender({ length: 265, max: 280 });
    expect(live()).toBe("20 characters or fewer left.");
    await rerender({ length: 270, max: 280 });
    expect(live()).toBe("20 characters or fewer left.");
    await rerender({ length: 281, max: 280 });
    expect(live()).toBe("Too long: the limit is 280 characters.");
  });

  it("counts the characters over the limit", () => {
    render(CharacterCounter, { length: 300, max: 280 });
    expect(screen.getByText("20 characters too many").getAttribute("data-level")).toBe("over");
  });
});
