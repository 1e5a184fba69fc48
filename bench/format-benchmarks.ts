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
- \`cutText\` in src/build/summarize.ts: ~15% (≈0.25-0.5 ms a post). It walked \`Intl.Segmenter\`
  over the whole collected text (~500 characters) to keep 139 code units. Fixed: \`cutSummaryText\`
  (src/build/cut-summary-text.ts) segments only the first 156 code units, which gives the same cut (a
  grapheme boundary depends only on what precedes it and the one character after it; a property test
  compares it with segmenting the whole text).
- \`parsePost\` self time in src/build/parse-post.ts: ~13%: it constructed an \`Intl.DateTimeFormat\`
  for every post only to check the time zone is valid. Fixed: each zone is checked once.
- linkedom parsing (tokenizer, \`DOMEventTarget\` constructors, \`setOwnerDocument\`): ~25%; the
  cleaner, sanitizer and serializer ~15%; gray-matter/js-yaml ~5%; GC ~5%.
With those two fixes a 10,000-post build on one thread went from 15.3 to 13.1 s of CPU (the same
articles.ndjson, byte for byte; load 2.7): 3 s of wall time on two cores needs ≤ 0.6 ms a post, which means
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

**Rendering.** Self time in bench/render-once.ts' profile was: \`formatRfc3339Date\` ~18% (a
\`Date.parse\` and \`toISOString\` per date per item), \`formatRfc822Date\` ~5%, UTF-8 encoding ~25% (the
Response body is bytes: counted separately in the table), the XML character checks (two regular
expressions over each body) ~13%, \`renderJsonFeed\`'s \`JSON.stringify\` of bodies ~13%. Fixed: a date
already in the stored shape \`YYYY-MM-DDTHH:MM:SSZ\` (and naming a real day and time) is written without
a Date round trip (RFC 3339 as it is; RFC 822 from its digits and a computed weekday; a property test
compares both with the round trip), one pre-scan for forbidden characters instead of two, and
\`categoryNames\` without a closure per call. Before, at a load of 2-3: 20 items rss 271, atom 320, json
297 µs; 100 items 1258, 1550, 1666 µs. What is left is mostly string building, the one character scan
per body and \`JSON.stringify\`.

**Requests.** In \`wrangler dev\` a feed request that the response cache answered read \`current\` from
KV and then \`caches.default\` (Miniflare's cache, a separate service backed by disk), while the minimal
Worker does one KV read: two local storage round trips against one (ratio 0.67-0.72 in earlier runs).
Now an isolate keeps the \`current\` pointer it read for 5 s (src/worker/store/current-memory.ts: KV's
own caching already lets a publish go unseen for the 30 s cacheTtl \`current\` is read with, and up to
60 s elsewhere), so a hot cached request is one cache match and no KV read. Measured before and after,
alternating on the same state at a load of 1.5-3.9 (bench/measure-requests.ts --reuse, two rounds each):
before 0.69 and 0.66 ×, after 0.92 and 0.82 × (and the table's run). What is left is Miniflare's cache
service answering a 63 KB body more slowly than its KV service does, plus the Worker's own per-request
work (site settings, routing, a SHA-256 entity tag); keeping rendered bodies in isolate memory would take
the cache round trip away too, but is a larger change than this one.`;

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
