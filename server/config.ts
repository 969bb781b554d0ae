import { z } from "zod";

/** Server configuration, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** where people reach the app, for links and QR codes; null: derive from the request */
  publicUrl: string | null;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** summits older than this many days (from their date, or creation) are deleted; null keeps them */
  retentionDays: number | null;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
});

/**
 * The configuration in `env`, or a one-line reason it is not valid
 * (e.g. "PORT: Too big: expected number to be <=65535").
 */
export function readConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; reason: string } {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join(".")}: ${issue.message}` };
  }
  const { PORT, HOST, DATA_DIR, PUBLIC_URL, LOG_LEVEL, RETENTION_DAYS } = parsed.data;
  return {
    ok: true,
    config: {
      port: PORT,
      host: HOST,
      dataDir: DATA_DIR,
      publicUrl: PUBLIC_URL ?? null,
      logLevel: LOG_LEVEL,
      retentionDays: RETENTION_DAYS ?? null,
    },
  };
}
