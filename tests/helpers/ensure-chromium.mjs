// Makes sure a Chromium for the end-to-end tests is installed: CHROMIUM_PATH, or
// Debian's /usr/bin/chromium, which it installs when run as root.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (existsSync(path)) process.exit(0);

if (!process.env.CHROMIUM_PATH && process.getuid?.() === 0) {
  try {
    execSync("apt-get update && apt-get install -y chromium", { stdio: "inherit" });
  } catch {
    // reported below
  }
  if (existsSync(path)) process.exit(0);
}

console.error(
  `Chromium not found at ${path}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
);
process.exit(1);
