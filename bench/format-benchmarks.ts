/** One row of BENCHMARKS.md: a target, what was measured, and how to measure it again. */
export interface Measurement {
  target: string;
  measured: string;
  detail: string;
  command: string;
}

/** The machine the figures come from. */
export interface Machine {
  cores: number;
  cpu: string;
  memory: string;
  node: string;
  loadAtStart: string;
  date: string;
}

// What the profiles said when this file was written (`node --cpu-prof`, then self time per function).
// The figures in the table above it are re-measured by every `npm run bench`; these are not.
const ANALYSIS = `## Where the time goes (profiles taken while writing the benchmarks, 2026-11-27)

**Build.** The build runs on one worker thread per core (bundled once per builder version with the
esbuild that tsx ships, so a worker starts in ~0.15 s of CPU instead of ~1.2 s through tsx's loader), files
stream through in batches of 48 with at most two batches per worker in flight, and results come back as
compact JSON. With the second core mostly free that cuts the wall time by a third (9.4 s against 14.4 s on one thread at a load of 1);
with a load of 3 from other helpers' work there is no second core to take and the two are even (see
the table), while the parallel build spends ~20% more CPU (the main thread hashing each file, workers
starting and reading it again, results crossing as JSON, and two threads sharing caches). Either way the
CPU time per post is what misses the target: on one thread a seed-like post costs 1.3-1.5 ms of CPU,
of which, by self time in the worker profiles:
- \`cutText\` in src/build/summarize.ts: ~15% (≈0.25-0.5 ms a post). It walks \`Intl.Segmenter\`
  over the whole collected text (~500 characters) to keep 139 code units. Segmenting
  \`text.slice(0, SUMMARY_LENGTH + 1)\` gives the same cut (a grapheme boundary depends only on what
  precedes it and the one character after it) and halved the time in a copy of the tree.
- \`parsePost\` self time in src/build/parse-post.ts: ~13%: it constructs an \`Intl.DateTimeFormat\`
  for every post only to check the time zone is valid. Checking each zone once (a module-level set of
  zones already checked) took the whole build from 1.95 to 1.6 ms a post in a copy of the tree.
- linkedom parsing (tokenizer, \`DOMEventTarget\` constructors, \`setOwnerDocument\`): ~25%; the
  cleaner, sanitizer and serializer ~15%; gray-matter/js-yaml ~5%; GC ~5%.
Those two fixes are in files other helpers own, so they are proposed, not made here. With them, 10,000
posts would need about 10 s of CPU: 3 s of wall time on two cores needs ≤ 0.6 ms a post, which means
replacing linkedom for parsing (a streaming tokenizer such as htmlparser2's, without building a DOM)
or caching (a rebuild builds only what changed).

**Rebuild.** With the cache, a rebuild builds only the changed post, on the main thread (workers start
only once 200 posts miss the cache: starting them cost a rebuild 2.4 s more than it saved). A profile of
a 10,000-post rebuild (3.8 s of CPU): \`planGeneration\` 1.2 s, 0.8 s of it SHA-256 in \`hashParts\` (each
article's JSON is hashed once for every scope page it is on; 11 s on 100,000); loading the modules
through tsx 0.8 s; reading and hashing every post 0.3 s (the cache never trusts timestamps); opening the
cache (30 MB) and parsing the 10,000 cached results 0.4 s; saving articles.ndjson 0.3 s; GC 0.3 s.
Closing the gap needs an incremental plan (keep each page's hash keyed by the hashes of its items, so only
pages whose items changed are hashed again; planGeneration is the publisher's), a precompiled command
(as the worker is) so a rebuild does not pay for compiling TypeScript, and then keeping the previous
build's articles beside the cache so unchanged ones are not parsed and serialized again.

**100,000 posts.** Peak memory stays under 1 GB because files stream through the workers and the saved
articles are written one at a time; what remains is the articles themselves (the outcome keeps every
Article for the plan, and \`planGeneration\` holds each one's JSON as well). Wall time is the same CPU cost
per post as above, times ten.

**Rendering.** Self time in bench/render-once.ts' profile: \`formatRfc3339Date\` ~18% (a
\`Date.parse\` and \`toISOString\` per date per item; memoizing per string, or a fast path for an
already-normalized \`YYYY-MM-DDTHH:MM:SSZ\`, keeps the bytes), UTF-8 encoding ~25% (the Response body
is bytes: counted separately in the table), the XML character checks (two regular expressions over each
body) ~13%, \`renderJsonFeed\`'s \`JSON.stringify\` of bodies ~13%. The renderers are being changed by
another helper as this is written, so no change was made to them here.

**Requests.** In \`wrangler dev\` a feed request that the response cache answers reads \`current\` from
KV and then \`caches.default\` (Miniflare's cache, a separate service backed by disk), while the minimal
Worker does one KV read. The ratio therefore compares two local storage round trips with one; on
Cloudflare's edge the cache is in front of the Worker's colo and KV reads of hot keys are cached in the
colo too.`;

/** Renders BENCHMARKS.md: the machine, one row per target, and what the profiles said. */
export function formatBenchmarks(machine: Machine, measurements: readonly Measurement[], loadAtEnd: string): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = measurements.map((row) => `| ${cell(row.target)} | ${cell(row.measured)} | ${cell(row.detail)} | \`${cell(row.command)}\` |`);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run-benchmarks.ts) on ${machine.date}. Benchmarks report; no test asserts
a time. Posts are generated, seed-like (\`npm run generate\`), into bench-out/. Hexo 8 with
hexo-generator-feed needs 19.3 s and 1.4 GB to generate 10,000 of them on this machine: six times faster is
3.2 s.

## Machine
| | |
| --- | --- |
| cores (nproc) | ${machine.cores} |
| CPU | ${machine.cpu} |
| memory | ${machine.memory} |
| Node | ${machine.node} |
| load average (1, 5, 15 min) | ${machine.loadAtStart} at the start, ${loadAtEnd} at the end |

The machine is shared with other helpers while this runs: wall times scale with the load average
(a load of 6 on 2 cores leaves each process about a third of a core), so CPU times are given too.

## Targets
| target | measured | detail | reproduce |
| --- | --- | --- | --- |
${rows.join("\n")}

Peak memory is the maximum resident set size of the whole process from \`/usr/bin/time -v\` (worker
threads share the process, so it covers them).

${ANALYSIS}
`;
}
