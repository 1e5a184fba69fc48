import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { createLocalStore } from "../../../src/builder/publish/stores/create-local-store";
import type { Article } from "../../../src/model/article";
import { makeArticle } from "../../support/make-article";
import { readCurrent, readWholeGeneration } from "../publish/generation-check";

// `npm run publish` killed with SIGKILL (no handler, no cleanup) while it writes the local store wrangler dev
// reads: the publisher's own tests crash it in-process at every write; this kills the real process.
const ROOT = resolve(import.meta.dirname, "../../..");
let work: string;

const site = (count: number, edited: number): Article[] =>
  Array.from({ length: count }, (_, index) =>
    makeArticle(index + 1, { categories: [[`c${index % 20}`]], tags: [`t${index % 30}`], ...(index < edited ? { title: `改 ${index}` } : {}) }),
  );
const OLD = site(100, 0);
const NEW = site(300, 40);

function writeArticles(name: string, articles: readonly Article[]): string {
  const file = join(work, name);
  writeFileSync(file, articles.map((article) => `${JSON.stringify(article)}\n`).join(""));
  return file;
}

/** How many files the local store in `state` holds: it gains some with every value written. */
function storedFiles(state: string): number {
  const folder = join(state, "v3", "kv");
  return existsSync(folder) ? readdirSync(folder, { recursive: true }).length : 0;
}

/**
 * Runs `npm run publish` on a file. `kill: "first-write"` SIGKILLs it as soon as the store holds a file more
 * than before (its first value is written, so `current` certainly is not: it comes last); a number of ms
 * kills it that long after it first reports writing. The progress line comes only after a whole batch, which
 * on a fast machine can be the whole generation but `current`.
 */
function publish(articles: string, state: string, kill?: number | "first-write"): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/publish.ts"), "--articles", articles, "--persist-to", state], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let armed = false;
  const killNow = (): void => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already finished.
    }
  };
  const onOutput = (chunk: Buffer): void => {
    output += chunk;
    if (typeof kill === "number" && !armed && output.includes("writing")) {
      armed = true;
      setTimeout(killNow, kill);
    }
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  let watching: NodeJS.Timeout | undefined;
  if (kill === "first-write") {
    const before = storedFiles(state);
    watching = setInterval(() => {
      if (storedFiles(state) > before) {
        clearInterval(watching);
        killNow();
      }
    }, 2);
  }
  return new Promise((done) =>
    child.on("close", (code, signal) => {
      clearInterval(watching);
      done({ code, signal, output });
    }),
  );
}

/** The live manifest of the store in `state`, checked whole (every key it reaches exists and parses). */
async function liveManifest(state: string): Promise<string> {
  const store = await createLocalStore({ configPath: join(ROOT, "wrangler.toml"), persistPath: join(state, "v3") });
  try {
    const current = await readCurrent(store);
    await readWholeGeneration(store, current.manifest);
    return current.manifest;
  } finally {
    await store.dispose();
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "edgefeed-killed-publish-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run publish killed mid-write", () => {
  it("leaves the old generation or the new one live and whole, whenever it is killed, and a rerun publishes the new one", async () => {
    const oldFile = writeArticles("old.ndjson", OLD);
    const newFile = writeArticles("new.ndjson", NEW);
    const oldManifest = planGeneration(OLD, hashParts).manifestHash;
    const newManifest = planGeneration(NEW, hashParts).manifestHash;
    const seen = new Set<string>();
    for (const kill of ["first-write", 1500] as const) {
      const state = join(work, `state-${kill}`);
      const first = await publish(oldFile, state);
      expect(first.code, first.output).toBe(0);
      const killed = await publish(newFile, state, kill);
      const live = await liveManifest(state);
      expect([oldManifest, newManifest], `killed ${kill === "first-write" ? "at its first write" : `${kill} ms into writing`} (${killed.signal ?? `exit ${killed.code}`})`).toContain(live);
      if (killed.signal === "SIGKILL") seen.add(live === oldManifest ? "old" : "new");
      const rerun = await publish(newFile, state);
      expect(rerun.code, rerun.output).toBe(0);
      expect(await liveManifest(state)).toBe(newManifest);
    }
    // At least one kill landed before `current` moved, so the old generation was really tested.
    expect(seen.has("old")).toBe(true);
  }, 300_000);
});
