import { createHash } from "node:crypto";
import { access, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { moveIntoPlace, temporaryPathFor } from "./replace-file";
import { readSourceClosure } from "./source-closure";

/** Where bundled worker entries are kept, inside the repository so their packages resolve from node_modules. */
const BUNDLE_FOLDER = new URL("../../../.build/workers/", import.meta.url);

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

const WORKER_ENTRY = new URL("./build-worker.ts", import.meta.url);

/**
 * Bundles build-worker.ts and everything of ours it imports into one JavaScript module (packages stay
 * imports), once per version of that code, and returns its URL: a worker thread started on it loads much
 * faster than one that compiles each TypeScript file through tsx's loader. Returns undefined when it cannot
 * bundle; callers then start the TypeScript entry.
 */
export async function bundleBuildWorker(): Promise<URL | undefined> {
  let target: URL;
  try {
    target = new URL(`build-worker-${await sourceVersion()}.mjs`, BUNDLE_FOLDER);
  } catch {
    return undefined;
  }
  try {
    await access(target);
    return target;
  } catch {
    // Not bundled yet for this version.
  }
  try {
    // esbuild comes with tsx, which runs every script here; it is the compiler tsx itself uses.
    const requireFromTsx = createRequire(createRequire(import.meta.url).resolve("tsx"));
    const esbuild = requireFromTsx("esbuild") as Esbuild;
    await mkdir(BUNDLE_FOLDER, { recursive: true });
    const temporary = temporaryPathFor(fileURLToPath(target));
    await esbuild.build({
      entryPoints: [fileURLToPath(WORKER_ENTRY)],
      outfile: temporary,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
    });
    // Renamed into place, so two builds at once never start a worker on half a file.
    moveIntoPlace(temporary, fileURLToPath(target));
    await removeOtherVersions(target);
    return target;
  } catch {
    return undefined;
  }
}

// Bundles of earlier versions of the worker's code are never used again.
async function removeOtherVersions(keep: URL): Promise<void> {
  const keepName = fileURLToPath(keep).split(/[\\/]/).pop();
  for (const name of await readdir(BUNDLE_FOLDER).catch(() => [] as string[])) {
    if (/^build-worker-[0-9a-f]+\.mjs$/.test(name) && name !== keepName) await rm(new URL(name, BUNDLE_FOLDER), { force: true });
  }
}

/**
 * A hash of what the bundle is made of and how: the worker entry and everything of ours it imports, this
 * file (the bundler's options) and the bundler's version.
 */
async function sourceVersion(): Promise<string> {
  const hash = createHash("sha256");
  for (const { path, bytes } of await readSourceClosure(WORKER_ENTRY)) hash.update(`${path}\n`).update(bytes);
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve("tsx"));
  hash.update(`esbuild ${(requireFromTsx("esbuild/package.json") as { version: string }).version}\n`);
  return hash.digest("hex").slice(0, 32);
}
