import type { WorkshopSettings } from "./workshop.js";

/** A note shown to attendees before they post, with where to find support. */
export interface ContentNote {
  text: string;
  signposting: string;
}

/** A starting point for a workshop; everything it brings stays editable. */
export interface ThemeTemplate {
  id: string;
  /** what the organiser picks from */
  name: string;
  title: string;
  prompts: string[];
  settings: Partial<WorkshopSettings>;
  /** a few lines for the facilitator, never shown to attendees */
  guidance: string;
  contentNote: ContentNote | null;
}

/** The theme templates of the first summits, and a blank one. */
export const THEME_TEMPLATES = [
  {
    id: "community-intelligence",
    name: "Community intelligence",
    title: "Community intelligence: hearing what communities know",
    prompts: [
      "What do people in your community notice before services do?",
      "What stops people from sharing what they know?",
      "What would make it safe and worthwhile to share?",
    ],
    settings: { anonymity: "optional" },
    guidance:
      "Ask for patterns and barriers, not for names or incidents. The safeguarding filter holds " +
      "ideas with personal details for you; release only what is safe to show the room.",
    contentNote: null,
  },
  {
    id: "partners-and-communities",
    name: "Collaboration between partners and communities",
    title: "Working together: partners and communities",
    prompts: [
      "Where does partnership working already make a difference?",
      "What gets in the way of working with communities as equals?",
      "One change that would help partners and communities work together better",
    ],
    settings: { anonymity: "optional" },
    guidance:
      "Mix organisations at each table. In clustering, look for barriers that several " +
      "partners share; they make the strongest actions.",
    contentNote: null,
  },
  {
    id: "grant-funding",
    name: "Sustainability of grant funding",
    title: "Beyond the next grant: sustaining what works",
    prompts: [
      "What has been lost when short-term funding ended?",
      "What would make funded work last beyond the grant?",
      "What should funders do differently?",
    ],
    settings: { anonymity: "optional", votesPerAttendee: 5 },
    guidance:
      "Keep the room on what can change, not on who is to blame. Ask funders in the room to " +
      "respond to the top cluster during discussion.",
    contentNote: null,
  },
  {
    id: "trauma-informed-violence-prevention",
    name: "A trauma-informed approach to violence prevention",
    title: "A trauma-informed approach to violence prevention",
    prompts: [
      "What does trauma-informed practice look like when it works?",
      "What makes it hard to work in a trauma-informed way?",
      "What would help young people and families feel safe with services?",
    ],
    settings: { anonymity: "anonymous", preModeration: true },
    guidance:
      "This topic can bring up difficult experiences. Read the content note aloud, remind the " +
      "room they can step out at any time, and review held ideas before releasing them.",
    contentNote: {
      text:
        "This workshop talks about violence and trauma. Take part only as far as you feel " +
        "comfortable, and please do not share details that could identify anyone. Ideas are " +
        "anonymous and checked by the facilitator before they appear.",
      signposting:
        "If this brings up anything for you, support is available: Samaritans, 116 123 (free, " +
        "24 hours); Victim Support, 08 08 16 89 111; in an emergency, call 999.",
    },
  },
  {
    id: "blank",
    name: "Blank workshop",
    title: "",
    prompts: [""],
    settings: {},
    guidance: "",
    contentNote: null,
  },
] as const satisfies readonly ThemeTemplate[];

export type TemplateId = (typeof THEME_TEMPLATES)[number]["id"];

/** The template with this id, or undefined. */
export function findTemplate(id: string): ThemeTemplate | undefined {
  return THEME_TEMPLATES.find((t) => t.id === id);
}
