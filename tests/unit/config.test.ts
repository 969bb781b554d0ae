import { describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.js";

describe("configuration from the environment", () => {
  it("has defaults for everything", () => {
    expect(readConfig({})).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: "0.0.0.0",
        dataDir: "./data",
        publicUrl: null,
        logLevel: "info",
        retentionDays: null,
      },
    });
  });

  it("reads every variable and trims a trailing slash off PUBLIC_URL", () => {
    const read = readConfig({
      PORT: "8080",
      HOST: "127.0.0.1",
      DATA_DIR: "/var/lib/roundtable",
      PUBLIC_URL: "https://summit.example.org/",
      LOG_LEVEL: "warn",
      RETENTION_DAYS: "90",
    });
    expect(read).toMatchObject({
      ok: true,
      config: {
        port: 8080,
        publicUrl: "https://summit.example.org",
        logLevel: "warn",
        retentionDays: 90,
      },
    });
  });

  it.each([
    [{ PORT: "abc" }, /^PORT: /],
    [{ PORT: "70000" }, /^PORT: /],
    [{ PUBLIC_URL: "not a url" }, /^PUBLIC_URL: /],
    [{ PUBLIC_URL: "ftp://x.org" }, /^PUBLIC_URL: /],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: /],
    [{ RETENTION_DAYS: "0" }, /^RETENTION_DAYS: /],
  ])("refuses %j with a one-line reason", (env, reason) => {
    const read = readConfig(env);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.reason).toMatch(reason);
      expect(read.reason).not.toContain("\n");
    }
  });
});
