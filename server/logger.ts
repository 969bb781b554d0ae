import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

/** Structured JSON logs; tokens and idea texts are never logged. */
export function createLogger(level: Config["logLevel"]): Logger {
  return pino({
    level,
    base: { service: "roundtable" },
    redact: ["req.headers.authorization", "token", "*.token"],
  });
}
