import type { BenchmarkRow } from "./benchmark-rows";
import { compareWithTarget } from "./compare-with-target";

/** What one step measured for one row: the figures the target is compared with, and the words shown beside them. */
export interface Measurement {
  measured: string;
  detail: string;
  command: string;
  /** Keyed like the row's limits (`build`, `peak`, `ratio`…). */
  figures: Record<string, number>;
  /** Set when the run could not produce a figure (a failed command, non-2xx answers): the row shows it instead. */
  failure?: string;
  /** Set when the figures cannot stand against the target, e.g. measured on fewer posts than it names. */
  notCompared?: string;
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

/** What this run was asked to do, so the file says exactly what ran. */
export interface RunDescription {
  /** The command line after `npm run bench --`, e.g. `--only bundle --posts 300`; empty for a whole run. */
  options: string;
  loadAtEnd: string;
}

/** The words of the result column: met, missed (with each bound missed), failed, not compared, or not run. */
export function rowResult(row: BenchmarkRow, measurement: Measurement | undefined): string {
  if (!measurement) return "not run in this run";
  if (measurement.failure !== undefined) return `**failed**: ${measurement.failure}`;
  if (measurement.notCompared !== undefined) return `not compared: ${measurement.notCompared}`;
  if (row.limits.length === 0) return "no target (for comparison)";
  const result = compareWithTarget(row.limits, measurement.figures);
  return result.met ? "met" : `**missed**: ${result.misses.join("; ")}`;
}

// Where the time goes, in words only: every figure in this file comes from the run that wrote it. The dated
// profiles behind these sentences, with their figures, are in docs/profiles.md.
const WHERE_THE_TIME_GOES = `## Where the time goes
Read from \`node --cpu-prof\` profiles (docs/profiles.md has them, dated, with their figures; re-take them
after a change). Nothing in this section is measured by this run.

- **Build**: a post's CPU time is spread over parsing the body into the build's own tree (the HTML parser's
  tokenizer is most of it), parsing the post (js-yaml, decoding the file, the fields), cleaning by the site
  rules, sanitizing, the summary and garbage collection; outside the posts, starting Node, loading the
  compiled builder and starting the worker threads, and the main thread's share (below). Two worker threads do
  not halve the time: two at once slow each other whether threads or processes, and the engine's compiler
  threads (most of its helpers' time) and collector threads of three isolates (the main thread's and each
  worker's) share the same two cores. In a first build the main thread reads no post (the workers read each
  once and send its line back as bytes) and spools the lines in the posts' order, so saving them is a rename;
  it is mostly idle until planning, which comes after the last post.
- **Rebuild**: with the cache only the changed post is built, in \`npm run build\`'s own process; the rest is a
  stat of every post file (a file whose size, times and inode are the cache's is not read, git's rule), copying
  the unchanged articles' lines from the previous articles.ndjson into the new one (the cache holds where each
  is, not a copy), planning, starting Node and workerd, and the publish's few
  writes (bench/build-once.ts starts compiled, as \`npm run build\` does: src/builder/run/run-compiled.ts).
  End to end, the local store's start (loading miniflare, then workerd) is the longest of these: it begins
  first, on its own thread, and the build is done before it is ready.
- **Publish into the local store**: two things share the two cores: compressing the pages on the main thread
  (gzip of every page's JSON at its fastest level, which holds each article once per scope it is in) and workerd's
  per-value cost of a put, while Node builds the next batch. workerd's memory grows with every write, so the
  store restarts it every so many writes or bytes (src/builder/memory-limits.ts); the peak comes while
  writing the feed pages.
- **Rendering**: string building, one scan per body for characters XML forbids, and \`JSON.stringify\` for JSON
  Feed.
- **Requests**: a hot feed request is served from the isolate's memory (no storage, no render) and is compared
  with a Worker returning the same bytes from a constant. A cold one reads the head page and parses its plain
  lead (its newest items; nothing is inflated), rewrites image URLs, renders and encodes the body; it is
  compared with a Worker that reads one KV value and returns it: the page's read and the lead's parse come on
  top of work that alone costs about what the baseline's whole request does, and the parse, not the render, is
  most of the gap (patches that skip each part, docs/profiles.md).`;

/** Renders BENCHMARKS.md: what ran, the machine, one row per target with its result, and where the time goes. */
export function formatBenchmarks(machine: Machine, rows: readonly BenchmarkRow[], measurements: ReadonlyMap<string, Measurement>, run: RunDescription): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = rows.map((row) => {
    const measurement = measurements.get(row.name);
    const shown = measurement ? [measurement.failure === undefined ? measurement.measured : "", measurement.detail, `\`${cell(measurement.command)}\``] : ["", "", ""];
    return `| \`${row.name}\` | ${cell(row.target)} | ${cell(rowResult(row, measurement))} | ${shown.map((text, index) => (index === 2 ? text : cell(text))).join(" | ")} |`;
  });
  const notRun = rows.filter((row) => !measurements.has(row.name)).map((row) => `\`${row.name}\``);
  const scope =
    notRun.length === 0
      ? "Every row below was measured by this run."
      : `Only the rows with figures were measured by this run; ${notRun.join(", ")} were not run and show no figure.`;
  return `# Benchmarks

Written by \`npm run bench${run.options ? ` -- ${run.options}` : ""}\` (bench/run-benchmarks.ts) on ${machine.date}. ${scope}
Benchmarks report; no test asserts a time. Posts are generated, seed-like (\`npm run generate\`), into bench-out/.
A row's result compares its figures with the bounds bench/benchmark-rows.ts gives it.

## Machine
| | |
| --- | --- |
| cores (nproc) | ${machine.cores} |
| CPU | ${machine.cpu} |
| memory | ${machine.memory} |
| Node | ${machine.node} |
| load average (1, 5, 15 min) | ${machine.loadAtStart} at the start, ${run.loadAtEnd} at the end |

Wall times grow with the load average (a load above the number of cores leaves each process less than a
core), so CPU times are given too.

## Targets
| row | target | result | measured | detail | reproduce |
| --- | --- | --- | --- | --- | --- |
${lines.join("\n")}

Peak memory of a build is the maximum resident set size of the whole process from \`/usr/bin/time -v\`
(worker threads share the process, so it covers them), in MiB. The publish rows sample the resident memory
of Node and of the workerd it starts every second (VmRSS from /proc).

${WHERE_THE_TIME_GOES}
`;
}
