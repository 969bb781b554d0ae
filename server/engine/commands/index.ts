import type { CommandDefinitions } from "../CommandContext.js";
import { postIdea } from "./idea.js";
import { joinWorkshop } from "./participant.js";
import { createSummit } from "./summit.js";
import { createWorkshop, setPhase } from "./workshop.js";

/** Every command's handler; the type makes a missing one a compile error. */
export const COMMANDS: CommandDefinitions = {
  "summit.create": createSummit,
  "workshop.create": createWorkshop,
  "participant.join": joinWorkshop,
  "phase.set": setPhase,
  "idea.post": postIdea,
};
