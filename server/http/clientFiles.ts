import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";
import { APP_PAGES, appFor } from "../../shared/routes.js";

/**
 * Encodings the build writes beside each asset (vite.config.ts), best first.
 * Brotli and gzip are made once, at build time, at their highest levels, so
 * a join wave of phones costs the server no compression at all.
 */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * The built client: hashed assets cached for a year (their names change
 * with their content), each sent precompressed when the browser accepts it,
 * and for every other path the page of the app that shows it (staff.html for
 * the staff's addresses, index.html for the rest), so the client routes.
 */
export function clientFiles(clientDir: string): Router {
  const assetsDir = path.join(clientDir, "assets");
  // Assets never change under a running server (a new build means a restart).
  const present = new Set(existsSync(assetsDir) ? readdirSync(assetsDir) : []);
  const pages = {
    attendee: path.resolve(clientDir, APP_PAGES.attendee),
    staff: path.resolve(clientDir, APP_PAGES.staff),
  };
  const router = express.Router();

  router.use("/assets", (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    // Hashed asset names are plain ASCII: anything escaped is no variant of ours.
    const variants = ENCODINGS.filter((e) => present.has(name + e.suffix));
    if (variants.length === 0) return next();
    res.vary("Accept-Encoding");
    const accepted = acceptedEncodings(req.get("accept-encoding") ?? "");
    const encoding = variants.find((e) => (accepted.get(e.name) ?? accepted.get("*") ?? 0) > 0);
    if (!encoding) return next();
    // The type is the original file's; serve-static keeps a type already set.
    res.type(path.extname(name));
    res.set("Content-Encoding", encoding.name);
    req.url = req.url.replace(/(\?|$)/, `${encoding.suffix}$1`);
    next();
  });
  router.use("/assets", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  router.use(express.static(clientDir, { index: false }));
  router.get("/{*splat}", (req, res) => res.sendFile(pages[appFor(req.path)]));
  return router;
}

/**
 * The encodings an Accept-Encoding header takes, with their weights. Ours
 * picks the best file it has among them, not the browser's first listed:
 * Chromium sends "gzip, deflate, br, zstd" and would otherwise get gzip.
 */
function acceptedEncodings(header: string): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  return accepted;
}
