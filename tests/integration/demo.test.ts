import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, expect, it } from "vitest";
import { removeDataDir } from "../helpers/server.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "roundtable-demo-test-"));
const child = spawn(process.execPath, ["--import", "tsx", "server/demo.ts"], {
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "inherit"],
});
afterAll(() => {
  child.kill("SIGKILL");
  removeDataDir(dataDir);
});

it("[G6] npm run demo seeds four themed workshops and prints their links in one DEMO line", async () => {
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (l) => l.startsWith("DEMO ") && resolve(l));
    child.once("exit", (code) => reject(new Error(`demo exited with ${code}`)));
  });
  const demo = JSON.parse(line.slice("DEMO ".length)) as {
    organiserUrl: string;
    workshops: {
      title: string;
      code: string;
      attendeeUrl: string;
      facilitatorUrl: string;
      projectorUrl: string;
    }[];
  };
  expect(demo.workshops).toHaveLength(4);
  for (const w of demo.workshops) {
    expect(w.code).toMatch(/^\d{6}$/);
    expect(w.attendeeUrl).toMatch(new RegExp(`/join/${w.code}$`));
    expect(w.facilitatorUrl).toMatch(/\/f\/[\w-]+#[\w-]{22}$/);
    expect(w.projectorUrl).toMatch(/\/p\/[\w-]+#[\w-]{22}$/);
    const origin = new URL(w.attendeeUrl).origin;
    const join = await (await fetch(`${origin}/api/join/${w.code}`)).json();
    expect(join).toMatchObject({ ok: true, value: { title: w.title } });
  }
  expect(demo.organiserUrl).toMatch(/\/organiser#[\w-]{22}$/);
});
