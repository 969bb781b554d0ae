import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { RefusedCommand } from "../../client/components/attendee/AttendeeBoard.svelte.js";
import RefusedCommands from "../../client/components/attendee/RefusedCommands.svelte";

describe("RefusedCommands", () => {
  it("shows what was refused, in the attendee's words, with the server's reason, until dismissed", async () => {
    const refused: RefusedCommand[] = [
      {
        id: "cmd-post-1",
        type: "idea.post",
        payload: { promptId: "prompt1", text: "A late thought" },
        queuedAt: 1,
        rejection: { code: "wrong_phase", message: "Posting has closed." },
      },
      {
        id: "cmd-vote-1",
        type: "vote.cast",
        payload: { ideaId: "idea1" },
        queuedAt: 2,
        rejection: { code: "limit_reached", message: "You have used all 5 of your votes." },
      },
    ];
    const ondismiss = vi.fn();
    render(RefusedCommands, { refused, ideaText: () => "Youth workers", ondismiss });

    expect(screen.getByText("Your idea was not posted")).toBeTruthy();
    expect(screen.getByText("“A late thought”")).toBeTruthy();
    expect(screen.getByText("Posting has closed.")).toBeTruthy();
    expect(screen.getByText("Your vote was not counted")).toBeTruthy();
    expect(screen.getByText("“Youth workers”")).toBeTruthy();

    await fireEvent.click(
      screen.getByRole("button", { name: "Dismiss: Your idea was not posted" }),
    );
    expect(ondismiss).toHaveBeenCalledWith("cmd-post-1");
  });
});
