import { readFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDataDir, startServer, type TestServer } from "../helpers/server.js";

const BUILT_CLIENT = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** One raw GET: the bytes as sent, not decoded (fetch would decode them). */
function raw(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on("error", reject);
  });
}

/** The entry script a page loads. */
function entryScript(html: string): string {
  return /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1] ?? "";
}

describe("the built client's files", () => {
  let server: TestServer;
  /** each app's entry script: the attendee's (index.html) and the staff's (staff.html) */
  let scripts: { attendee: string; staff: string };

  beforeAll(async () => {
    server = await startServer({ clientDir: BUILT_CLIENT });
    scripts = {
      attendee: entryScript(await (await fetch(`${server.url}/join/123456`)).text()),
      staff: entryScript(await (await fetch(`${server.url}/f/abcdefgh`)).text()),
    };
    expect(scripts.attendee).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    expect(scripts.staff).toMatch(/^\/assets\/staff-[\w-]+\.js$/);
  });

  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it.each(["attendee", "staff"] as const)(
    "sends the %s app's script precompressed with Brotli when the browser takes it (whatever it lists first), else gzip",
    async (app) => {
      const script = scripts[app];
      const original = readFileSync(`${BUILT_CLIENT}${script}`);
      const br = await raw(`${server.url}${script}`, { "accept-encoding": "gzip, deflate, br" });
      expect(br.status).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

      const gz = await raw(`${server.url}${script}`, { "accept-encoding": "gzip" });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.body).equals(original)).toBe(true);

      const notBr = await raw(`${server.url}${script}`, {
        "accept-encoding": "br;q=0, gzip;q=0.5",
      });
      expect(notBr.headers["content-encoding"]).toBe("gzip");

      const plain = await raw(`${server.url}${script}`, { "accept-encoding": "identity" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
    },
  );

  it("lets browsers keep hashed assets for a year without asking again", async () => {
    const response = await raw(`${server.url}${scripts.attendee}`, { "accept-encoding": "br" });
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers the staff's addresses with the staff's app and every other path with the attendee's, uncompressed", async () => {
    const staff = [
      "/setup",
      "/organiser",
      "/organiser/overview",
      "/organiser/summit/",
      "/organiser/sheet",
      "/f/abcdefgh",
      "/p/abcdefgh",
    ];
    const attendee = [
      "/",
      "/join/123456",
      "/w/abcdefgh",
      "/nowhere",
      "/f/short",
      "/organiser/nope",
    ];
    for (const [paths, script] of [
      [staff, scripts.staff],
      [attendee, scripts.attendee],
    ] as const) {
      for (const path of paths) {
        const page = await raw(`${server.url}${path}`, { "accept-encoding": "br" });
        expect(page.status, path).toBe(200);
        expect(page.headers["content-encoding"], path).toBeUndefined();
        expect(page.body.toString(), path).toContain('<div id="app"></div>');
        expect(entryScript(page.body.toString()), path).toBe(script);
      }
    }
    const missing = await raw(`${server.url}/assets/nothing-here.js`, { "accept-encoding": "br" });
    expect(missing.headers["content-encoding"]).toBeUndefined();
  });

  it("builds the attendee's app without the staff's pages", () => {
    const entry = readFileSync(`${BUILT_CLIENT}${scripts.attendee}`, "utf8");
    for (const chunk of ["Facilitator", "Projector", "Organiser", "Setup"]) {
      expect(entry).not.toMatch(new RegExp(`assets/${chunk}-`));
    }
  });
});
