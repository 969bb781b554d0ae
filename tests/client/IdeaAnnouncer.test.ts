import { render } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import IdeaAnnouncer from "../../client/components/IdeaAnnouncer.svelte";

describe("IdeaAnnouncer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sums up new ideas at most once per interval, and not the ones already there", async () => {
    const { container, rerender } = render(IdeaAnnouncer, { count: 40, intervalMs: 10_000 });
    const live = () => container.querySelector("[aria-live=polite]")?.textContent;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(live()).toBe("");

    await rerender({ count: 41, intervalMs: 10_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    await rerender({ count: 43, intervalMs: 10_000 });
    expect(live()).toBe("");
    await vi.advanceTimersByTimeAsync(5_000);
    await tick();
    expect(live()).toBe("3 new ideas on the board");

    await rerender({ count: 44, intervalMs: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    await tick();
    expect(live()).toBe("1 new idea on the board");
  });
});
