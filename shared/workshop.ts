/** Workshop phases in their usual order; the facilitator may move between them freely. */
export const PHASES = ["lobby", "brainstorm", "cluster", "vote", "discuss", "closed"] as const;
export type Phase = (typeof PHASES)[number];

/** How names travel with ideas: always, by the author's choice, or never. */
export const ANONYMITY = ["named", "optional", "anonymous"] as const;
export type Anonymity = (typeof ANONYMITY)[number];

/** Workshop settings; `settingsSchema` in commands.ts validates them wherever they are accepted. */
export interface WorkshopSettings {
  anonymity: Anonymity;
  votesPerAttendee: number;
  maxVotesPerIdea: number;
  liveResults: boolean;
  ideasPerAttendee: number;
  ideaMaxLength: number;
  preModeration: boolean;
  attendeesMayCluster: boolean;
  /** the projector's look: dark (default) or light, both high-contrast */
  projectorTheme: ProjectorTheme;
}

export const PROJECTOR_THEMES = ["dark", "light"] as const;
export type ProjectorTheme = (typeof PROJECTOR_THEMES)[number];

/** Defaults agreed in DESIGN.md. */
export const DEFAULT_SETTINGS: WorkshopSettings = {
  anonymity: "optional",
  votesPerAttendee: 5,
  maxVotesPerIdea: 3,
  liveResults: false,
  ideasPerAttendee: 20,
  ideaMaxLength: 280,
  preModeration: false,
  attendeesMayCluster: false,
  projectorTheme: "dark",
};

/** A question the room answers; ideas are posted to one prompt. */
export interface Prompt {
  id: string;
  text: string;
}

/** Join codes are six digits; people type them with spaces or paste a whole link. */
export const JOIN_CODE_LENGTH = 6;

/**
 * The join code in what someone typed or pasted ("123 456", "123-456",
 * "https://host/join/123456"), or null when there is none.
 */
export function normaliseJoinCode(input: string): string | null {
  const fromLink = /\/join\/([\d\s-]+)/.exec(input);
  const digits = (fromLink ? fromLink[1] : input).replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
