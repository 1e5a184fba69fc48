import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runPublishCommand, runRollbackCommand } from "../../../src/builder/publish/publish-command";
import { createRemoteStore } from "../../../src/builder/publish/stores/create-remote-store";
import { temporaryFolders } from "../../support/temporary-folders";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, variedArticle } from "./publish-fixtures";
import { startBulkApiStandIn } from "./stores/bulk-api-stand-in";

const makeFolder = temporaryFolders("edgefeed-command-");
let folder: string;
beforeEach(() => {
  folder = makeFolder();
});

function io(env: Record<string, string> = {}, apiBase?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const clock = manualClock();
  return {
    out,
    err,
    clock,
    io: {
      stdout: { write: (text: string) => void out.push(text) },
      stderr: { write: (text: string) => void err.push(text) },
      env,
      ...clock,
      ...(apiBase ? { apiBase } : {}),
    },
  };
}

async function writeArticles(count: number): Promise<string> {
  const path = join(folder, "articles.ndjson");
  await writeFile(path, Array.from({ length: count }, (_, index) => JSON.stringify(variedArticle(index))).join("\n") + "\n");
  return path;
}

describe("npm run publish", () => {
  it("prints its options for --help", async () => {
    const run = io();
    expect(await runPublishCommand(["--help"], run.io)).toBe(0);
    expect(run.out.join("")).toMatch(/--remote[\s\S]*--dry-run[\s\S]*--force[\s\S]*--gc/);
  });

  it.each([
    { name: "a missing articles file", args: ["--articles", "/nonexistent/articles.ndjson"], message: "error: /nonexistent/articles.ndjson does not exist: run `npm run build` first\n" },
    { name: "an unknown option", args: ["--frobnicate"], message: /^error: Unknown option '--frobnicate'\n\nUsage: npm run publish/ },
    { name: "--remote without credentials", args: ["--remote"], message: /^error: --remote needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN/ },
    { name: "a bad --keep", args: ["--keep", "0"], message: 'error: --keep must be a whole number of at least 1, got "0"\n' },
  ])("fails with one clear line for $name", async ({ args, message }) => {
    const run = io();
    await writeArticles(3);
    expect(await runPublishCommand(args, run.io)).toBe(1);
    expect(run.err.join("")).toMatch(message);
    expect(run.err.join("")).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("refuses the placeholder namespace id for --remote", async () => {
    const run = io({ CLOUDFLARE_ACCOUNT_ID: "acc123", CLOUDFLARE_API_TOKEN: "t" });
    expect(await runPublishCommand(["--remote", "--articles", await writeArticles(3)], run.io)).toBe(1);
    expect(run.err.join("")).toMatch(/namespace id is still the placeholder; run `npx wrangler kv namespace create FEEDS`/);
  });

  it("publishes to the remote namespace named in wrangler.toml, then rolls back", async () => {
    const standIn = await startBulkApiStandIn({ token: "secret", unsuccessfulShare: 0.1 });
    try {
      const config = join(folder, "wrangler.toml");
      await writeFile(config, 'name = "x"\nmain = "w.ts"\n[[kv_namespaces]]\nbinding = "FEEDS"\nid = "ns456"\n');
      const env = { CLOUDFLARE_ACCOUNT_ID: "acc123", CLOUDFLARE_API_TOKEN: "secret" };
      const run = io(env, standIn.baseUrl);
      const dry = await runPublishCommand(["--remote", "--config", config, "--articles", await writeArticles(30), "--dry-run"], run.io);
      expect(dry).toBe(0);
      expect(standIn.values.size).toBe(0);
      expect(run.out.join("")).toMatch(/remote namespace ns456: dry run, nothing written\. generation 1[\s\S]*would write \d+ pages, 1 shard, 1 manifest/);
      expect(await runPublishCommand(["--remote", "--config", config, "--articles", await writeArticles(30)], run.io)).toBe(0);
      run.clock.advance(5);
      expect(await runPublishCommand(["--remote", "--config", config, "--articles", await writeArticles(31)], run.io)).toBe(0);
      expect(run.out.at(-1)).toMatch(/generation 2[\s\S]*wrote \d pages, 1 shard, 1 manifest/);
      run.clock.advance(5);
      expect(await runRollbackCommand(["--remote", "--config", config], run.io)).toBe(0);
      expect(run.out.at(-1)).toMatch(/rolled back from manifest \w+ to \w+ \(generation 3, 1 KV write\)/);
    } finally {
      await standIn.close();
    }
  });

  it("deletes retired values with --gc once the grace period has passed", async () => {
    const standIn = await startBulkApiStandIn({ token: "secret" });
    try {
      const config = join(folder, "wrangler.toml");
      await writeFile(config, '[[kv_namespaces]]\nbinding = "FEEDS"\nid = "ns456"\n');
      const run = io({ CLOUDFLARE_ACCOUNT_ID: "acc123", CLOUDFLARE_API_TOKEN: "secret" }, standIn.baseUrl);
      const remote = ["--remote", "--config", config, "--keep", "1"];
      expect(await runPublishCommand([...remote, "--articles", await writeArticles(30)], run.io)).toBe(0);
      run.clock.advance(5);
      expect(await runPublishCommand([...remote, "--articles", await writeArticles(31)], run.io)).toBe(0);
      run.clock.advance(200);
      expect(await runPublishCommand([...remote, "--gc"], run.io)).toBe(0);
      expect(run.out.at(-1)).toMatch(/deleted nothing of 0 retired generation\(s\); 0 KV writes\n  1 retired generation/);
      run.clock.advance(101);
      const before = standIn.values.size;
      expect(await runPublishCommand([...remote, "--gc"], run.io)).toBe(0);
      // The four heads article 30 changed (site and its author's, which is the same value, 金融, 金融/股票, tag4)
      // and the old manifest; its shard was new.
      expect(run.out.at(-1)).toMatch(/deleted 4 pages, 1 shard, 1 manifest of 1 retired generation\(s\); 7 KV writes/);
      const store = createRemoteStore({ accountId: "acc123", apiToken: "secret", namespaceId: "ns456", baseUrl: standIn.baseUrl });
      const live = await readWholeGeneration(store, (await readCurrent(store)).manifest);
      expect(standIn.values.size).toBe(live.size + 1);
      expect(standIn.values.size).toBeLessThan(before);
    } finally {
      await standIn.close();
    }
  });

  it("writes to the local store only without --dry-run", async () => {
    const run = io();
    const articles = await writeArticles(25);
    const state = join(folder, "state");
    expect(await runPublishCommand(["--articles", articles, "--persist-to", state, "--dry-run"], run.io)).toBe(0);
    expect(run.out.at(-1)).toMatch(/dry run, nothing written\. generation 1/);
    expect(await runPublishCommand(["--articles", articles, "--persist-to", state], run.io)).toBe(0);
    expect(await runPublishCommand(["--articles", articles, "--persist-to", state], run.io)).toBe(0);
    expect(run.out.at(-1)).toMatch(/nothing changed; generation 1 \(25 articles\) stays live, 0 KV writes/);
  });
});
