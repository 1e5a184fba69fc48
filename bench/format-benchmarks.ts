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
const ANALYSIS = `## Notes from earlier profiles (taken 2026-11-27 and -28, not by this run; re-take them after a change)

Profiles are \`node --cpu-prof\` over building 3,000 seed-like posts four times on one thread
(\`buildArticle\` then JSON, as a worker does), read as time per function including callees.

**Build: a post costs ~0.85 ms of CPU on one thread.** Of that:
- linkedom parsing the body into a DOM: 36%. 12% is linkedom's \`DOMEventTarget\` constructor, which gives every
  node and attribute a WeakMap entry holding a new Map, for event listeners the build never adds. 7% is
  htmlparser2's tokenizer, which linkedom parses with.
- cleaning by the site rules: 15%, mostly linkedom's DOM operations (\`childNodes\`, \`insertBefore\`, attributes).
- sanitizing and serializing: 6%. The summary: 5%.
- parsing the post: 18%. gray-matter and js-yaml take 7%, the date in the site's time zone 4%
  (\`Intl.DateTimeFormat#formatToParts\`).
- garbage collection: 8%.

Fixed this session:
- The summary's grapheme-safe cut ran \`Intl.Segmenter\` over 156 code units of every post, ~190 µs a post.
  Text whose every unit is a grapheme of its own (CJK, Latin, punctuation) is now sliced. An exhaustive test over
  every BMP code unit guards the shortcut.
- The front matter split the whole file into lines to find its two \`---\` lines.
- Text was escaped with four passes even when it had nothing to escape.
- \`npm run build\` read and parsed all of .build/articles.ndjson back to plan the publish. It now plans from
  the offsets and hashes it recorded while saving (10,000 articles: 0.81 s → 0.32 s).

Two cores do not halve the time. bench/parallel-scaling.ts builds the same 6,000 posts on one thread, on two
worker threads and in two processes. A post took 903-983 µs on one thread, 1,112-1,272 µs with two threads at
once, and 1,113-1,162 µs with two processes at once. So running two at once costs each about 25%, whether
threads or processes. The main thread reads and hashes every file for the cache, and parses what the workers
send back. That is a third thread on two cores. Saving the articles and planning come after the last post.

Closing the 3 s gap (and the 30 s one for 100,000 posts, the same cost per post) needs each post near
0.35 ms of CPU. linkedom's DOM alone costs more than that. It would take a sanitizer that streams
htmlparser2's events (the tokenizer linkedom already uses) into the output without building a DOM, with the
site rules as event filters. Replacing linkedom for the build's hot path is a change to the project's chosen
packages, so it is left for a decision.

**Rebuild.** With the cache, a rebuild builds only the changed post. A profile of a 10,000-post rebuild:
- reading and hashing every post file: 0.46 s. The cache never trusts timestamps.
- parsing the 10,000 cached results: 0.41 s.
- writing articles.ndjson: 0.34 s.
- planning: 0.35 s.
- GC: 0.3 s.
- On top of that, loading the modules through tsx takes about 0.8 s (not in the build's own time).

Reading and hashing alone nearly fills 0.5 s. Closing the gap would take:
- a stat check before hashing (size, mtime and inode, as git's index does);
- keeping each cached article's line and plan entry, so unchanged ones are neither parsed nor serialized;
- an incremental plan;
- a precompiled command.

**Memory of a 100,000-post build and publish.** The last bench before these changes measured Node 960 MB and
workerd 361 MB, 1,292 MB together. What brought it down (each step measured on the same 100,000 posts with
\`ps\` every 2 s, or \`process.memoryUsage()\`):
- The build kept every article, HTML and all, until it saved them sorted. It now spools each article's line
  to disk as it arrives and keeps only its metadata (\`src/builder/run/article-spool.ts\`): the build's Node peak
  fell from 630 MB to 436 MB.
- The publish checked KV's size limits by building every value it would write: 1.3 GB of strings in 9.1 s,
  which filled the heap to its cap before the first write. The plan now keeps each value's size in bytes.
- wrangler is CommonJS. Imported through tsx's ESM loader it held 369 MB resident once loaded; required, 248 MB.
- workerd grows ~65 KB a write whatever the value's size (6,000 writes of 1.1 KB or 11 KB values: 87 MB to
  ~350 MB), ~150 KB a write for the 60 KB pages. Restarted every 5,000 writes it peaked at 361 MB, every 2,000
  at 252 MB, every 1,000 at 216 MB (in the pages). It then restarted after 1,000 writes or 16 MiB of values (now 2,000 or 64 MiB of compressed values, src/builder/memory-limits.ts),
  whichever comes first; a restart takes ~0.7 s.
- With the first three changes, workerd restarted every 2,000 writes and the 512 MB cap, a sampled build and
  publish peaked at Node 741 MB, workerd 252 MB, 980 MB together (and 26 MB of tsx's esbuild); publish 547 s.
- A 384 MB heap cap held Node near 640-680 MB, but doubled the publish (1,048 s). Writing pages alone for
  60 s: 102 pages/s against 132 under 512 MB, with 59 major collections against 28. The pauses on the main
  thread were only 3-5% of the time either way; the likely cost is V8's marking threads taking the second
  core from workerd (not measured directly). The cap stays at 512 MB.
- The local store loaded all of wrangler to reach getPlatformProxy. It now starts wrangler's own miniflare
  directly, as \`wrangler kv key put --local\` does: 144 MB resident after loading, against 258 MB. The
  publisher's Node fell from ~650 MB to ~565 MB while writing articles.
- \`npm run build\` now builds in a child process and publishes once it has ended. Sampled as the bench
  samples (one run each): with the build in the publisher's process, Node peaked at 710 MB and 844 MB
  together; with the child, 655 MB and 782 MB. The peak now comes while writing the feed pages, near the
  end of the publish (\`bench-out/publish-100000-memory.tsv\` has every sample).
- Runs seemed to vary by 100-150 MB, always higher under \`npm run bench\` than run by hand. The samples
  showed why: the measured process first removed the last run's local KV state, 119,000 files, and Node's
  recursive \`rm\` left it at 448 MB resident before the build started. One bench run's samples place its
  910 MB peak in the build, on top of that; another's 941 MB was likely the same (its samples were not kept);
  a third, where that memory happened to be given back, peaked at 782 MB. The bench now
  removes the state itself, outside the measured process; runs by hand on a fresh state peaked at 784-790 MB,
  and the first bench run so (the table above) at 803 MB = 842 SI MB.

Every MB in this section is a MiB: ps and /proc count KiB.

A remote publish loads no wrangler and starts no workerd.

**Rendering.** What is left is mostly string building, one scan per body for characters XML forbids, and
\`JSON.stringify\` for JSON Feed. Dates already in the stored \`YYYY-MM-DDTHH:MM:SSZ\` shape skip the Date
round trip.

**Requests.** An isolate now keeps rendered responses (16 MB, least recently used out first), keyed like the
response cache by URL and entity tag, so a kept response is never stale. It also keeps the \`current\` pointer
for 5 s. A hot feed request then touches no storage at all, while the minimal Worker reads one KV value per
request. Before this, the response cache's round trip in Miniflare (a 63 KB body) held the feed at 0.83× the
minimal Worker.`;

/** Renders BENCHMARKS.md: the machine, one row per target, and what the profiles said. */
export function formatBenchmarks(machine: Machine, measurements: readonly Measurement[], loadAtEnd: string): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = measurements.map((row) => `| ${cell(row.target)} | ${cell(row.measured)} | ${cell(row.detail)} | \`${cell(row.command)}\` |`);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run-benchmarks.ts) on ${machine.date}. Benchmarks report; no test asserts
a time. Posts are generated, seed-like (\`npm run generate\`), into bench-out/. Only the table below is
measured by this run; the notes after it are from earlier sessions' profiles, dated, and this run does not
time Hexo (a session on 2026-11-28 measured \`hexo generate\` of the same 10,000 posts at 19.3 s and 1.4 GB).

## Machine
| | |
| --- | --- |
| cores (nproc) | ${machine.cores} |
| CPU | ${machine.cpu} |
| memory | ${machine.memory} |
| Node | ${machine.node} |
| load average (1, 5, 15 min) | ${machine.loadAtStart} at the start, ${loadAtEnd} at the end |

Wall times scale with the load average (a load of 6 on 2 cores leaves each process about a third of a
core), so CPU times are given too.

## Targets
| target | measured | detail | reproduce |
| --- | --- | --- | --- |
${rows.join("\n")}

Peak memory of a build is the maximum resident set size of the whole process from \`/usr/bin/time -v\`
(worker threads share the process, so it covers them). The publish row samples the resident memory of Node
and of the workerd it starts every second (VmRSS from /proc).

${ANALYSIS}
`;
}
