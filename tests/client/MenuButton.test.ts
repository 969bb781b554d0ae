import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { describe, expect, it, vi } from "vitest";
import MenuButton from "../../client/components/facilitator/MenuButton.svelte";

function setUp() {
  const chosen = vi.fn<(label: string) => void>();
  const items = ["Safe spaces", "Trusted adults", "New cluster…"].map((label) => ({
    label,
    onselect: () => chosen(label),
  }));
  render(MenuButton, { label: "Move to cluster…", items });
  const button = screen.getByRole("button", { name: "Move to cluster…" });
  return { button, chosen };
}

const focused = () => document.activeElement?.textContent?.trim();

describe("MenuButton", () => {
  it("opens from the keyboard, moves with the arrows, and chooses with Enter", async () => {
    const { button, chosen } = setUp();
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    button.focus();
    await fireEvent.keyDown(button, { key: "Enter" });
    await tick();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("menu").getAttribute("aria-labelledby")).toBe(button.id);
    expect(focused()).toBe("Safe spaces");

    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focused()).toBe("Trusted adults");
    await fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(focused()).toBe("New cluster…");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focused()).toBe("Safe spaces");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(focused()).toBe("New cluster…");
    await fireEvent.keyDown(document.activeElement!, { key: "t" });
    expect(focused()).toBe("Trusted adults");

    await fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(chosen).toHaveBeenCalledWith("Trusted adults");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });

  it("closes on Escape and gives focus back to the button", async () => {
    const { button, chosen } = setUp();
    button.focus();
    await fireEvent.keyDown(button, { key: "ArrowUp" });
    await tick();
    expect(focused()).toBe("New cluster…");
    await fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
    expect(screen.queryByRole("menuitem")).toBeNull();
    expect(chosen).not.toHaveBeenCalled();
  });

  it("works with the mouse too", async () => {
    const { button, chosen } = setUp();
    await fireEvent.click(button);
    await tick();
    await fireEvent.click(screen.getByRole("menuitem", { name: "Safe spaces" }));
    expect(chosen).toHaveBeenCalledWith("Safe spaces");
  });
});
