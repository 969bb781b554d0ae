import { mkdirSync, mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CommandPayload, CommandResults, CommandType } from "../shared/commands.js";
import { docNames, readIdeas, readMeta } from "../shared/board.js";
import { queueMap } from "../shared/facilitation.js";
import { THEME_TEMPLATES } from "../shared/templates.js";
import { createApp, type App } from "./app.js";
import { createLogger } from "./logger.js";
import { SqliteStore } from "./store/SqliteStore.js";

/**
 * `npm run demo`: a live summit in one command. Starts the app on a fresh
 * data directory (or DATA_DIR), seeds a summit with the four themed
 * workshops, and keeps a few dozen simulated attendees posting, then
 * voting, for a few minutes. Every simulated action is a real command
 * through the engine, exactly as a phone's would be.
 */

const IDEAS: Record<string, string[]> = {
  "community-intelligence": [
    "Shopkeepers notice when young people stop coming in after school",
    "Bus drivers see the same groups at the same stops every night",
    "Parents talk in the playground long before anyone calls us",
    "A monthly drop-in at the library with a familiar officer",
    "Text line that answers within a day, in several languages",
    "Feedback: tell people what happened after they spoke up",
    "Trusted community members as go-betweens",
    "People fear being seen talking to the police",
    "Stop asking the same questions on five different forms",
    "Faith groups hear things services never do",
    "Anonymous online form that works on a cheap phone",
    "Youth workers in the street, not only in the centre",
  ],
  "partners-and-communities": [
    "Shared budgets, not just shared meetings",
    "Community groups paid for their time at partnership boards",
    "One named contact in each agency",
    "Meet in community venues, not council offices",
    "Plain English in every joint plan",
    "Let residents set one agenda item every meeting",
    "Data sharing agreements signed once, not per project",
    "Joint training for police, health and housing staff",
    "Small grants decided by residents",
    "Publish what changed because of community input",
  ],
  "grant-funding": [
    "Three-year grants as the norm, not the exception",
    "Core costs funded, not just new projects",
    "Funders share one application form",
    "Exit plans agreed at the start of every grant",
    "Evidence of impact that small groups can actually collect",
    "Local authority match funding for proven projects",
    "Keep the youth workers even when the project name changes",
    "Pool funding across agencies for prevention",
    "Unrestricted funding for community anchors",
    "Report once, to all funders",
  ],
  "trauma-informed-violence-prevention": [
    "Ask what happened to you, not what is wrong with you",
    "The same worker for a young person across services",
    "Training for reception staff, not only practitioners",
    "Quiet rooms in A&E for young people after an assault",
    "Stop excluding children for behaviour that is a trauma response",
    "Mentors with lived experience, paid properly",
    "Time for staff to recover after difficult cases",
    "Fewer handovers between teams",
    "Schools and youth services share a trauma-informed plan",
    "Listen to parents before deciding on them",
  ],
};

const NAMES = [
  "Asha",
  "Ben",
  "Chidi",
  "Dana",
  "Eilidh",
  "Farah",
  "Gareth",
  "Hana",
  "Imran",
  "Jo",
  "Kwame",
  "Lena",
  "Marek",
  "Nia",
  "Owen",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
  "Uma",
  "Vik",
  "Wren",
  "Yusuf",
];

const SIMULATION_MS = 5 * 60_000;

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR || mkdtempSync(path.join(tmpdir(), "roundtable-demo-"));
  mkdirSync(dataDir, { recursive: true });
  const store = new SqliteStore(path.join(dataDir, "roundtable.db"));
  const root = fileURLToPath(
    new URL(import.meta.url.includes("/dist/") ? "../.." : "..", import.meta.url),
  );
  const app = createApp({
    store,
    log: createLogger("warn"),
    version: "demo",
    clientDir: path.join(root, "dist", "client"),
    tuning: { rateLimit: { burst: 1000, perSecond: 1000 } },
  });
  const port = Number(process.env.PORT ?? 3000);
  await new Promise<void>((resolve) =>
    app.server.listen(port, process.env.HOST ?? "0.0.0.0", resolve),
  );
  const base =
    process.env.PUBLIC_URL ?? `http://localhost:${(app.server.address() as AddressInfo).port}`;
  const send = commandSender(app);

  if (!app.setupToken)
    throw new Error(`DATA_DIR ${dataDir} already holds a summit; use an empty one`);
  const { organiserKey } = await send(app.setupToken, "summit.create", {
    name: "Regional Community Safety Summit",
    date: new Date().toISOString().slice(0, 10),
    venue: "Civic Centre, Main Hall",
  });
  const workshops: {
    template: (typeof THEME_TEMPLATES)[number];
    created: CommandResults["workshop.create"];
    attendees: string[];
  }[] = [];
  for (const template of THEME_TEMPLATES.filter((t) => t.id !== "blank")) {
    const created = await send(organiserKey, "workshop.create", {
      title: template.title,
      prompts: [...template.prompts],
      settings: { ...template.settings, ideasPerAttendee: 50 },
      templateId: template.id,
    });
    await send(created.facilitatorToken, "phase.set", { phase: "brainstorm" });
    await send(created.facilitatorToken, "timer.start", { seconds: 15 * 60 });
    const attendees = [];
    for (const name of NAMES.slice(0, 6 + Math.floor(Math.random() * 6))) {
      attendees.push(
        (await send(undefined, "participant.join", { code: created.code, name })).token,
      );
    }
    workshops.push({ template, created, attendees });
  }

  console.log(`\n  Roundtable demo: ${base}\n  Data: ${dataDir}\n`);
  console.log(`  Organiser:   ${base}/organiser#${organiserKey}`);
  for (const { template, created } of workshops) {
    console.log(`\n  ${template.title}  (code ${created.code})`);
    console.log(`    Attendees:   ${base}/join/${created.code}`);
    console.log(`    Facilitator: ${base}/f/${created.workshopId}#${created.facilitatorToken}`);
    console.log(`    Projector:   ${base}/p/${created.workshopId}#${created.projectorToken}`);
  }
  console.log(
    `DEMO ${JSON.stringify({
      organiserUrl: `${base}/organiser#${organiserKey}`,
      workshops: workshops.map(({ template, created }) => ({
        title: template.title,
        code: created.code,
        attendeeUrl: `${base}/join/${created.code}`,
        facilitatorUrl: `${base}/f/${created.workshopId}#${created.facilitatorToken}`,
        projectorUrl: `${base}/p/${created.workshopId}#${created.projectorToken}`,
      })),
    })}`,
  );

  // The room at work: ideas trickle in, then everyone votes, then results are shown.
  const started = Date.now();
  const tick = setInterval(() => {
    const elapsed = Date.now() - started;
    for (const { template, created, attendees } of workshops) {
      const who = attendees[Math.floor(Math.random() * attendees.length)];
      const board = app.engine.board(created.workshopId);
      const meta = readMeta(board);
      if (!meta) continue;
      if (elapsed < SIMULATION_MS * 0.5) {
        const bank = IDEAS[template.id] ?? [];
        const text = bank[Math.floor(Math.random() * bank.length)];
        const prompt = meta.prompts[Math.floor(Math.random() * meta.prompts.length)];
        void send(who, "idea.post", { promptId: prompt.id, text }, true);
        // Pre-moderated workshops: the facilitator approves as the ideas come.
        const pending = pendingIds(app, created.workshopId);
        if (pending.length > 0) {
          void send(created.facilitatorToken, "idea.approve", { ideaIds: pending }, true);
        }
      } else if (elapsed < SIMULATION_MS * 0.9) {
        if (meta.phase !== "vote")
          void send(created.facilitatorToken, "phase.set", { phase: "vote" }, true);
        const ideas = readIdeas(board);
        if (ideas.length > 0) {
          const idea = ideas[Math.floor(Math.random() * ideas.length)];
          void send(who, "vote.cast", { ideaId: idea.id }, true);
        }
      } else if (!meta.votesRevealed) {
        void send(created.facilitatorToken, "votes.reveal", { revealed: true }, true);
      }
    }
    if (elapsed > SIMULATION_MS) {
      clearInterval(tick);
      console.log(
        "\n  The simulated attendees have finished; the app keeps running. Ctrl-C to stop.",
      );
    }
  }, 1500);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      clearInterval(tick);
      void app.close().then(() => process.exit(0));
    });
  }
}

function pendingIds(app: App, workshopId: string): string[] {
  const queue = queueMap(app.docs.open(docNames.facilitation(workshopId)).doc);
  return [...queue.values()].filter((q) => q.status === "pending").map((q) => q.idea.id);
}

/** Sends commands through the engine as the holder of a token would. */
function commandSender(app: App) {
  let counter = 0;
  return async function send<T extends CommandType>(
    token: string | undefined,
    type: T,
    payload: CommandPayload<T>,
    quiet = false,
  ): Promise<CommandResults[T]> {
    const principal = app.engine.authenticate(token);
    if (typeof principal === "string") throw new Error(`demo token refused: ${principal}`);
    const result = await app.engine.submit(principal, {
      id: `demo-${Date.now()}-${++counter}`,
      type,
      payload,
    });
    if (!result.ok) {
      if (quiet) return {} as CommandResults[T];
      throw new Error(`${type} refused: ${result.error.message}`);
    }
    return result.value as CommandResults[T];
  };
}

await main();
