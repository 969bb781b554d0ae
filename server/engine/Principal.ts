import type { Role } from "../../shared/roles.js";

/** Who is sending a command or opening a document, as their token says. */
export interface Principal {
  role: Role;
  /**
   * The scope of command ids and rate limits: the participant for attendees
   * (so two tabs of one person share them), the token otherwise.
   */
  id: string;
  summitId: string | null;
  workshopId: string | null;
  participantId: string | null;
}

/** A connection or request without a token. */
export const NOBODY: Principal = {
  role: "none",
  id: "none",
  summitId: null,
  workshopId: null,
  participantId: null,
};
