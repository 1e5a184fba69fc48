import { access, mkdir, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** Where bundled worker entries are kept, inside the repository so their packages resolve from node_modules. */
const BUNDLE_FOLDER = new URL("../../.build/workers/", import.meta.url);

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

/**
 * Bundles build-worker.ts and everything of ours it imports into one JavaScript module (packages stay
 * imports), once per builder version, and returns its URL. A worker thread started on it loads in about
 * a tenth of the time one that compiles each TypeScript file through tsx's loader takes (0.15 s against
 * 1.2 s of CPU here). Returns undefined when it cannot bundle; callers then start the TypeScript entry.
 */
export async function bundleBuildWorker(version: string): Promise<URL | undefined> {
  const target = new URL(`build-worker-${version}.mjs`, BUNDLE_FOLDER);
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
    const temporary = new URL(`build-worker-${version}.${process.pid}.tmp.mjs`, BUNDLE_FOLDER);
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL("./build-worker.ts", import.meta.url))],
      outfile: fileURLToPath(temporary),
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
    });
    // Renamed into place, so two builds at once never start a worker on half a file.
    await rename(temporary, target).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
    await removeOtherVersions(target);
    return target;
  } catch {
    return undefined;
  }
}

// Bundles of earlier builder versions are never used again.
async function removeOtherVersions(keep: URL): Promise<void> {
  const keepName = fileURLToPath(keep).split(/[\\/]/).pop();
  for (const name of await readdir(BUNDLE_FOLDER).catch(() => [] as string[])) {
    if (/^build-worker-[0-9a-f]+\.mjs$/.test(name) && name !== keepName) await rm(new URL(name, BUNDLE_FOLDER), { force: true });
  }
}
