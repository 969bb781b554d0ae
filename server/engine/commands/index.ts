import type { CommandDefinitions } from "../CommandContext.js";
import { editIdea, postIdea, withdrawIdea } from "./idea.js";
import { joinWorkshop } from "./participant.js";
import { createSummit } from "./summit.js";
import { castVote, retractVote, revealVotes } from "./vote.js";
import { createWorkshop, setPhase } from "./workshop.js";

/** Every command's handler; the type makes a missing one a compile error. */
export const COMMANDS: CommandDefinitions = {
  "summit.create": createSummit,
  "workshop.create": createWorkshop,
  "participant.join": joinWorkshop,
  "phase.set": setPhase,
  "idea.post": postIdea,
  "idea.edit": editIdea,
  "idea.withdraw": withdrawIdea,
  "vote.cast": castVote,
  "vote.retract": retractVote,
  "votes.reveal": revealVotes,
};
