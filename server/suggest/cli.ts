import { readFileSync } from "node:fs";
import { labelTexts } from "./pipeline.js";

/**
 * `npm run --silent suggest-clusters -- FILE`: reads one text per line and
 * prints one group label per line, in the same order, with the pipeline
 * and default cut the console uses. A text like no other gets a label of
 * its own. Blank lines are texts too (each alone), so lines stay aligned.
 */
function main(argv: string[]): number {
  const file = argv[0];
  if (!file || argv.length > 1) {
    process.stderr.write("usage: npm run --silent suggest-clusters -- FILE (one text per line)\n");
    return 2;
  }
  const content = readFileSync(file === "-" ? 0 : file, "utf8");
  const lines = content.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const labels = labelTexts(lines);
  process.stdout.write(lines.length > 0 ? `${Array.from(labels).join("\n")}\n` : "");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
