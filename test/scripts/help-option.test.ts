import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
const run = promisify(execFile);

// Each script runs in a folder of its own whose entries all link to the repository's, but for a copy of
// BENCHMARKS.md: whatever a script would write there (a .build/, wrangler's .wrangler/, BENCHMARKS.md) shows,
// and nothing of the real checkout is touched even when a script ignores --help.
let folder: string;
let entries: string[];
const BENCHMARKS = readFileSync(join(ROOT, "BENCHMARKS.md"), "utf8");
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "edgefeed-help-"));
  for (const name of readdirSync(ROOT)) {
    if (name.startsWith(".")) continue;
    if (name === "BENCHMARKS.md") copyFileSync(join(ROOT, name), join(folder, name));
    else symlinkSync(join(ROOT, name), join(folder, name));
  }
  entries = readdirSync(folder).sort();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("every npm script's --help", () => {
  it.concurrent.each(SCRIPTS)("npm run %s -- --help prints its usage, exits 0 and runs nothing", async (script) => {
    const { stdout, stderr } = await run("npm", ["run", "--silent", script, "--", "--help"], { cwd: folder, timeout: 45_000 });
    expect(stdout).toMatch(/^usage: npm /im);
    expect(`${stdout}${stderr}`).not.toMatch(/⛅️ wrangler|vitest v\d|published,/);
    expect(readdirSync(folder).sort()).toEqual(entries);
    expect(readFileSync(join(folder, "BENCHMARKS.md"), "utf8")).toBe(BENCHMARKS);
  });
});
