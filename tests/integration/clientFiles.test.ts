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

describe("the built client's files", () => {
  let server: TestServer;
  let script: string;
  let original: Buffer;

  beforeAll(async () => {
    server = await startServer({ clientDir: BUILT_CLIENT });
    const html = await (await fetch(`${server.url}/join/123456`)).text();
    script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    original = readFileSync(`${BUILT_CLIENT}${script}`);
  });

  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("sends a script precompressed with Brotli when the browser takes it (whatever it lists first), else gzip", async () => {
    const br = await raw(`${server.url}${script}`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await raw(`${server.url}${script}`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const notBr = await raw(`${server.url}${script}`, { "accept-encoding": "br;q=0, gzip;q=0.5" });
    expect(notBr.headers["content-encoding"]).toBe("gzip");

    const plain = await raw(`${server.url}${script}`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("lets browsers keep hashed assets for a year without asking again", async () => {
    const response = await raw(`${server.url}${script}`, { "accept-encoding": "br" });
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers every other path with the app, uncompressed files and all", async () => {
    const page = await raw(`${server.url}/w/abcdefgh`, { "accept-encoding": "br" });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="app"></div>');
    const missing = await raw(`${server.url}/assets/nothing-here.js`, { "accept-encoding": "br" });
    expect(missing.headers["content-encoding"]).toBeUndefined();
  });
});
