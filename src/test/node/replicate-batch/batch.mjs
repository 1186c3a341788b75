// The benchmark's batch run by the official Replicate JavaScript client (package.json pins `replicate` 1.4.0), for
// the side-by-side mode of org.ideogramcamel.bench.Benchmark (BENCHMARKS.md, "Side by side with the official
// client"). N predictions with at most C in flight (a plain promise pool), each one `replicate.run(model, {input})`
// (the client's default `wait: {mode: "block"}`, i.e. one create with `Prefer: wait`), then its image downloaded
// through the client's FileOutput and written to the output folder, as the app stores one.
//
//   REPLICATE_API_TOKEN=... node batch.mjs <base-url> <n> <c> <out-dir> [model]
//
// Protocol with the Java side, on stdout/stdin, so that it measures only the batch (as it does for the app, from
// ready on) and reads the process's CPU time and peak RSS from /proc while the process still exists:
//   prints "ready <node version>" once the client is made, waits for a line on stdin, runs the batch, prints
//   "result <json>", then waits for stdin to close and exits.

import { mkdir, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import Replicate from "replicate";
import stream from "replicate/lib/stream.js";

const { createFileOutput } = stream;

const [baseUrl, nText, cText, outDir, model = "ideogram-ai/ideogram-v3-turbo"] = process.argv.slice(2);
const n = Number.parseInt(nText, 10);
const c = Number.parseInt(cText, 10);
if (!baseUrl || !(n > 0) || !(c > 0) || !outDir) {
  console.error("usage: node batch.mjs <base-url> <n> <c> <out-dir> [model]");
  process.exit(2);
}

const replicate = new Replicate({ auth: process.env.REPLICATE_API_TOKEN, baseUrl });
await mkdir(outDir, { recursive: true });

const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();
console.log(`ready ${process.version}`);
if ((await lines.next()).done) {
  process.exit(1); // the Java side gave up before saying go
}

/**
 * The output as the client hands it to a user: `run` turns an `https:` output URL into a FileOutput (a
 * ReadableStream that fetches the URL); the stub's URLs are `http:`, which `run` leaves as strings, so they are
 * wrapped in the client's own FileOutput here, the same object a user gets from the real service.
 */
function fileOutput(output) {
  const item = Array.isArray(output) ? output[0] : output;
  if (item instanceof ReadableStream) {
    return item;
  }
  if (typeof item === "string") {
    return createFileOutput({ url: item, fetch: replicate.fetch });
  }
  throw new Error(`unexpected output ${JSON.stringify(output)}`);
}

async function job(i) {
  const output = await replicate.run(model, {
    input: { prompt: `Benchmark prompt ${i}: a lighthouse on a cliff at dusk, watercolour`, aspect_ratio: "1:1" },
  });
  // as the client's README writes a FileOutput to disk
  await writeFile(`${outDir}/bench-${i}.png`, fileOutput(output));
}

let next = 1;
let done = 0;
let failed = 0;
let firstError = null;
async function worker() {
  while (next <= n) {
    const i = next++;
    try {
      await job(i);
      done++;
    } catch (e) {
      failed++;
      firstError ??= String(e && e.message ? e.message : e);
    }
  }
}

const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: Math.min(c, n) }, worker));
const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
console.log(`result ${JSON.stringify({ wallMs, done, failed, firstError })}`);

// stay until the Java side has read /proc/<pid>; it closes stdin then
while (!(await lines.next()).done) {
  // ignore anything else it sends
}
process.exit(0);
