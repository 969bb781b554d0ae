import type { CommandDefinitions } from "../CommandContext.js";
import {
  applyClusters,
  createCluster,
  dissolveCluster,
  mergeCluster,
  moveIdea,
  renameCluster,
  reorderCluster,
  setSpotlight,
} from "./cluster.js";
import { editIdea, postIdea, withdrawIdea } from "./idea.js";
import {
  approveIdeas,
  correctIdea,
  deleteIdea,
  hideIdea,
  mergeIdea,
  restoreIdea,
} from "./moderation.js";
import { joinWorkshop } from "./participant.js";
import { archiveSummit, createSummit, deleteSummit, updateSummit } from "./summit.js";
import { castVote, resetVotes, retractVote, revealVotes } from "./vote.js";
import {
  createWorkshop,
  deleteWorkshop,
  extendTimer,
  pauseTimer,
  resumeTimer,
  rotateLinks,
  setPhase,
  startTimer,
  stopTimer,
  updateSettings,
  updateWorkshop,
} from "./workshop.js";

/** Every command's handler; the type makes a missing one a compile error. */
export const COMMANDS: CommandDefinitions = {
  "summit.create": createSummit,
  "summit.update": updateSummit,
  "summit.archive": archiveSummit,
  "summit.delete": deleteSummit,
  "workshop.rotate-links": rotateLinks,
  "workshop.delete": deleteWorkshop,
  "workshop.create": createWorkshop,
  "workshop.update": updateWorkshop,
  "settings.update": updateSettings,
  "participant.join": joinWorkshop,
  "phase.set": setPhase,
  "timer.start": startTimer,
  "timer.pause": pauseTimer,
  "timer.resume": resumeTimer,
  "timer.extend": extendTimer,
  "timer.stop": stopTimer,
  "idea.post": postIdea,
  "idea.edit": editIdea,
  "idea.withdraw": withdrawIdea,
  "idea.approve": approveIdeas,
  "idea.hide": hideIdea,
  "idea.restore": restoreIdea,
  "idea.delete": deleteIdea,
  "idea.correct": correctIdea,
  "idea.merge": mergeIdea,
  "vote.cast": castVote,
  "vote.retract": retractVote,
  "votes.reveal": revealVotes,
  "votes.reset": resetVotes,
  "cluster.create": createCluster,
  "cluster.rename": renameCluster,
  "cluster.dissolve": dissolveCluster,
  "cluster.merge": mergeCluster,
  "cluster.reorder": reorderCluster,
  "cluster.move-idea": moveIdea,
  "clusters.apply": applyClusters,
  "spotlight.set": setSpotlight,
};
