import { createHash, randomBytes, randomInt } from "node:crypto";

/** A new capability token (128 random bits, base64url) and the hash we store instead of it. */
export function newToken(): { value: string; hash: string } {
  const value = randomBytes(16).toString("base64url");
  return { value, hash: hashToken(value) };
}

/** The stored form of a token; the raw value never reaches the database or a log. */
export function hashToken(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

const ID_BYTES = 12;
/** Random bytes for ids, drawn 256 ids at a time (one call into the CSPRNG a post cost ~9 us). */
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A new id for a summit, workshop, participant, idea or prompt: 96 random bits. */
export function newId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 256);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return idPool.toString("base64url", idOffset - ID_BYTES, idOffset);
}

/** A random six-digit join code; the caller retries on a clash. */
export function newJoinCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
