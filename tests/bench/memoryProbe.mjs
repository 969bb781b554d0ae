// Preloaded into the server by the load harness (`node --import`); it
// changes nothing until the harness sends SIGWINCH. Then it writes a heap
// snapshot (V8 collects all garbage first) and one line with
// process.memoryUsage() right after it: the live heap, measured without
// --expose-gc or an inspector. The snapshot is deleted unless
// BENCH_HEAP_SNAPSHOTS names a folder to keep it in.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeHeapSnapshot } from "node:v8";

const keep = process.env.BENCH_HEAP_SNAPSHOTS;
let taken = 0;
process.on("SIGWINCH", () => {
  const folder = keep || tmpdir();
  const file = writeHeapSnapshot(
    path.join(folder, `server-${process.pid}-${++taken}.heapsnapshot`),
  );
  const usage = process.memoryUsage();
  if (!keep) rmSync(file, { force: true });
  process.stderr.write(
    `BENCH-HEAP ${JSON.stringify({ ...usage, snapshot: keep ? file : null })}\n`,
  );
});
