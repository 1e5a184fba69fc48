import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashParts } from "../plan/hash-parts";
import { openArticleSources } from "../plan/open-article-sources";
import { compressStoredValue } from "../plan/compress-stored-value";
import { planArticles } from "../plan/plan-generation";
import { createProgress, type ProgressStream } from "../report/progress";
import { PublishError } from "../report/publish-error";
import { readSiteConfigFile } from "../run/read-site-config-file";
import { announcePublish } from "../websub/announce-publish";
import type { PingHubOptions } from "../websub/ping-hub";
import { collectGarbage } from "./collect-garbage";
import { describeCounts, formatPublishReport } from "./format-publish-report";
import { DEFAULT_KEEP, publishGeneration } from "./publish-generation";
import { rollbackGeneration } from "./rollback-generation";
import { createLocalStore } from "./stores/create-local-store";
import { createRemoteStore } from "./stores/create-remote-store";
import type { KvStore } from "./stores/kv-store";
import { readNamespaceId } from "./stores/read-namespace-id";

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CommandIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
  now?: () => Date;
  sleep?: (milliseconds: number) => Promise<void>;
  /** The Cloudflare API root for --remote (tests point it at a local stand-in). */
  apiBase?: string;
  /** How the WebSub hub is pinged (tests pass a short timeout and their own sleep). */
  ping?: PingHubOptions;
}

const PUBLISH_HELP = `Usage: npm run publish -- [options]

Publishes .build/articles.ndjson (written by \`npm run build\`) to Workers KV: only what changed is
written, the new generation goes live in one step (the "current" key, written last), the last few
generations are kept for \`npm run rollback\`, and values no kept generation uses are deleted once
a grace period has passed.

Options:
  --remote            write the real namespace (wrangler.toml's FEEDS id) through Cloudflare's API;
                      needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN. Default: the local store
                      \`wrangler dev\` reads (.wrangler/state/v3).
  --dry-run           print what would be written and deleted, with counts; write nothing
  --force             publish even if the build drops more than 20% of the live articles
  --gc                only delete values of generations retired longer ago than the grace period
  --keep N            generations to keep for rollback, the live one included (default ${DEFAULT_KEEP})
  --grace SECONDS     how long retired values stay before deletion (default 300; KV needs > 60)
  --max-writes N      write at most N KV values in this run (a Free account has 1,000 writes a day);
                      past it the publish stops with nothing live changed, and running it again
                      continues. Cloudflare's own daily limit stops a publish the same way.
  --articles FILE     the articles to publish (default .build/articles.ndjson)
  --no-ping           do not ping the WebSub hub. With WEBSUB_HUB set in [vars], a publish that went
                      live waits until every data centre serves it (about 66 s for --remote, 6 s for
                      the local store), then pings the hub for each feed whose bytes changed; a failed
                      ping is a warning in the summary and never undoes the publish
  --config FILE       the wrangler configuration (default wrangler.toml)
  --persist-to DIR    the local state folder, as \`wrangler dev --persist-to DIR\` takes it (the data
                      lives in DIR/v3; default .wrangler/state beside the config)
  -h, --help          show this help`;

const ROLLBACK_HELP = `Usage: npm run rollback -- [--remote] [--dry-run] [--config FILE] [--persist-to DIR]

Makes the previous kept generation live again with one KV write ("current"). Local by default;
--remote rolls back the real namespace (needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN).`;

const COMMON_OPTIONS = {
  remote: { type: "boolean" },
  "dry-run": { type: "boolean" },
  config: { type: "string" },
  "persist-to": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Runs `npm run publish`; returns the exit code. Errors are printed as one clear line, never a stack. */
export async function runPublishCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand(io, PUBLISH_HELP, async () => {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...COMMON_OPTIONS, force: { type: "boolean" }, gc: { type: "boolean" }, keep: { type: "string" }, grace: { type: "string" }, "max-writes": { type: "string" }, articles: { type: "string" }, "no-ping": { type: "boolean" } },
      strict: true,
    });
    if (values.help) return PUBLISH_HELP;
    const keep = values.keep === undefined ? undefined : wholeNumber("--keep", values.keep, 1);
    const graceSeconds = values.grace === undefined ? undefined : wholeNumber("--grace", values.grace, 0);
    const maxWrites = values["max-writes"] === undefined ? undefined : wholeNumber("--max-writes", values["max-writes"], 1);
    const progress = (label: string, total: number) => createProgress({ label, total, stream: io.stderr });
    const common = { dryRun: values["dry-run"] ?? false, graceSeconds, progress, ...clockOf(io) };
    const target = await resolveTarget(values, io);
    if (values.gc) {
      return withStore(target, values, io, async (store, target) => {
        const report = await collectGarbage(store, common);
        const verb = common.dryRun ? "would delete" : "deleted";
        return [
          `${target}: ${verb} ${describeCounts(report.deleted)} of ${report.collected.length} retired generation(s); ${report.writes} KV writes`,
          ...(report.skipped ? [`warning: ${report.skipped}`] : []),
          `  ${report.waiting} retired generation(s) still inside the grace period`,
        ].join("\n");
      });
    }
    // The settings the Worker serves with, WEBSUB_HUB among them: a bad one stops the publish before it writes.
    const site = await readSiteConfigFile(values.config ?? "wrangler.toml");
    const articlesPath = values.articles ?? ".build/articles.ndjson";
    const sources = await openArticleSources(articlesPath, hashParts);
    try {
      const plan = planArticles(sources.articles, hashParts, sources.site, { encodeValue: compressStoredValue });
      const { report, summary } = await withStore(target, values, io, async (store, target) => {
        const report = await publishGeneration(plan, store, { ...common, keep, force: values.force ?? false, ...(maxWrites === undefined ? {} : { maxWrites }) });
        return { report, summary: formatPublishReport(report, target) };
      });
      // After the store is closed (the local one's workerd gives its memory back first): the ping waits.
      if (values["no-ping"]) return site.websubHub === "" ? summary : `${summary}\n  WebSub: --no-ping, ${site.websubHub} not pinged`;
      const announced = await announcePublish({
        config: site,
        before: report.liveBefore,
        after: plan.manifest,
        liveAt: report.liveAt === undefined ? undefined : new Date(report.liveAt),
        store: values.remote ? "remote" : "local",
        dryRun: common.dryRun,
        log: (line) => io.stderr.write(line),
        ...clockOf(io),
        ...(io.ping ? { ping: io.ping } : {}),
      });
      return [summary, ...announced].join("\n");
    } finally {
      await sources.close();
    }
  });
}

/** Runs `npm run rollback`; returns the exit code. */
export async function runRollbackCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand(io, ROLLBACK_HELP, async () => {
    const { values } = parseArgs({ args: [...argv], options: COMMON_OPTIONS, strict: true });
    if (values.help) return ROLLBACK_HELP;
    return withStore(await resolveTarget(values, io), values, io, async (store, target) => {
      const report = await rollbackGeneration(store, { dryRun: values["dry-run"] ?? false, ...clockOf(io) });
      const verb = values["dry-run"] ? "would roll back" : "rolled back";
      return `${target}: ${verb} from manifest ${report.from} to ${report.to} (generation ${report.generation}, 1 KV write); ${report.remaining} earlier generation(s) left`;
    });
  });
}

async function runCommand(io: CommandIo, help: string, body: () => Promise<string>): Promise<number> {
  try {
    io.stdout.write(`${await body()}\n`);
    return 0;
  } catch (error) {
    // Known failures are sentences already; anything else still gets its message, never a stack.
    const message = error instanceof Error ? error.message : String(error);
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? `\n\n${help}` : "";
    io.stderr.write(`error: ${message}${usage}\n`);
    if (io.env.DEBUG && error instanceof Error && !(error instanceof PublishError)) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** Where to publish, checked before any work: the real namespace's settings, or undefined for the local store. */
async function resolveTarget(
  values: { remote?: boolean; config?: string },
  io: CommandIo,
): Promise<{ accountId: string; apiToken: string; namespaceId: string } | undefined> {
  if (!values.remote) return undefined;
  const accountId = io.env.CLOUDFLARE_ACCOUNT_ID;
  const apiToken = io.env.CLOUDFLARE_API_TOKEN;
  if (!accountId || !apiToken) {
    throw new PublishError("--remote needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN in the environment (a token with Workers KV Storage: Edit)");
  }
  return { accountId, apiToken, namespaceId: await readNamespaceId(values.config ?? "wrangler.toml") };
}

async function withStore<Result>(
  remote: { accountId: string; apiToken: string; namespaceId: string } | undefined,
  values: { config?: string; "persist-to"?: string },
  io: CommandIo,
  body: (store: KvStore, target: string) => Promise<Result>,
): Promise<Result> {
  if (remote) {
    const store = createRemoteStore({ ...remote, ...(io.apiBase ? { baseUrl: io.apiBase } : {}) });
    return body(store, `remote namespace ${remote.namespaceId}`);
  }
  const store = await createLocalStore({ configPath: values.config ?? "wrangler.toml", ...(values["persist-to"] ? { persistPath: join(values["persist-to"], "v3") } : {}) });
  try {
    return await body(store, `local store ${store.persistPath}`);
  } finally {
    await store.dispose();
  }
}

function clockOf(io: CommandIo): { now?: () => Date; sleep?: (milliseconds: number) => Promise<void> } {
  return { ...(io.now ? { now: io.now } : {}), ...(io.sleep ? { sleep: io.sleep } : {}) };
}

function wholeNumber(flag: string, text: string, least: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new PublishError(`${flag} must be a whole number of at least ${least}, got ${JSON.stringify(text)}`);
  return value;
}
