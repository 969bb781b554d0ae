import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import ConnectionIndicator from "../../client/components/ConnectionIndicator.svelte";
import type { ConnectionStatus } from "../../client/lib/Connection.svelte.js";

describe("ConnectionIndicator", () => {
  it.each<[ConnectionStatus, string]>([
    [{ state: "connecting" }, "Connecting…"],
    [{ state: "online" }, "Live"],
    [{ state: "offline" }, "Offline, reconnecting…"],
    [{ state: "refused", reason: "protocol_mismatch", message: "Please reload." }, "Not connected"],
  ])("names the %o state in words, not only in colour", (status, label) => {
    render(ConnectionIndicator, { status });
    const indicator = screen.getByRole("status");
    expect(indicator.textContent?.trim()).toBe(label);
    expect(indicator.dataset.state).toBe(status.state);
  });
});
