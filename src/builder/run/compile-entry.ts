// Node-only imports, and `.ts` on the one relative import: run-compiled.ts runs this file on Node's own
// type stripping, before anything is compiled (see there).
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readSourceClosure } from "./source-closure.ts";

/** Where compiled entries are kept: inside the repository, so the packages they import resolve from its node_modules. */
export const COMPILED_FOLDER = new URL("../../../.build/compiled/", import.meta.url);

/** npm's record of what node_modules holds, rewritten by every install. */
const INSTALLED_PACKAGES = new URL("../../../node_modules/.package-lock.json", import.meta.url);

/** Compiled versions of an entry no run has used for this long are removed (a run still going may load a chunk of one). */
const STALE_MILLISECONDS = 60 * 60 * 1000;

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

/** Compiles under way in this process: esbuild's service stops when the last one ends (see compileEntry). */
let compiling = 0;

interface EsbuildPlugin {
  name: string;
  setup(build: { onLoad(options: { filter: RegExp }, load: (args: { path: string }) => Promise<{ contents: string; loader: string }>): void }): void;
}

/**
 * Compiles a TypeScript entry, everything of ours it imports and the packages they use into JavaScript
 * modules (a dynamic import stays a chunk of its own, loaded only when reached), once per version of that
 * code and of the installed packages, and returns the entry's URL; undefined when it cannot compile (callers then run the TypeScript).
 * A process started on it loads in a fraction of the time tsx takes to compile the same files at every
 * run. The version is a hash of every file the entry reaches (see readSourceClosure), this file and the
 * compiler's version: editing any source gives a new compile, so running it is always running the source.
 * Each module keeps its own file's `import.meta.url`, so paths it finds beside itself are the source's.
 */
export async function compileEntry(entry: URL, folder: URL = COMPILED_FOLDER): Promise<URL | undefined> {
  const name = basename(fileURLToPath(entry), extname(fileURLToPath(entry)));
  let target: URL;
  let esbuild: Esbuild;
  try {
    // esbuild comes with tsx, which runs the other scripts here; it is the compiler tsx itself uses.
    const requireFromTsx = createRequire(createRequire(import.meta.url).resolve("tsx"));
    esbuild = requireFromTsx("esbuild") as Esbuild;
    const compilerVersion = (requireFromTsx("esbuild/package.json") as { version: string }).version;
    target = new URL(`${name}-${await sourceVersion(entry, compilerVersion)}/`, folder);
  } catch {
    return undefined;
  }
  const output = new URL(`${name}.js`, target);
  if (await exists(output)) {
    // Marks it used, so removeStaleVersions leaves it while runs start on it.
    const now = new Date();
    void utimes(target, now, now).catch(() => undefined);
    return output;
  }
  const temporary = fileURLToPath(target).replace(/\/$/, `.${process.pid}.tmp`);
  compiling++;
  try {
    await mkdir(folder, { recursive: true });
    await rm(temporary, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [fileURLToPath(entry)],
      outdir: temporary,
      bundle: true,
      splitting: true,
      // Packages are compiled in too: resolving and loading linkedom's hundreds of modules one by one took
      // more than half of loading the builder. These stay imports: the compiler itself and the runners.
      external: ["esbuild", "tsx", "tsx/*", "wrangler", "miniflare"],
      // CommonJS packages compiled into an ES module still require Node's own modules.
      banner: { js: 'import { createRequire as __edgefeedRequire } from "node:module"; const require = __edgefeedRequire(import.meta.url);' },
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
      plugins: [keepSourceUrls],
    });
    // Renamed into place whole, so no run ever starts on half a compile; another run's identical compile may win.
    await rename(temporary, fileURLToPath(target)).catch(async (error: unknown) => {
      await rm(temporary, { recursive: true, force: true });
      if (!(await exists(output))) throw error;
    });
    await removeStaleVersions(folder, name, target);
    return output;
  } catch {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    return undefined;
  } finally {
    // esbuild's service process (~35 MiB resident) otherwise lives as long as this one: through a whole
    // build and publish, in the build's process and its child both. A later compile starts it again.
    if (--compiling === 0) await esbuild.stop().catch(() => undefined);
  }
}

/**
 * Imports a TypeScript `entry` compiled (compileEntry), or through tsx's loader when it cannot be compiled, so a
 * command runs either way.
 */
export async function importCompiled(entry: URL): Promise<void> {
  // JavaScript runs as it is (a test's stand-in for the build's child, say): nothing to compile.
  if (!entry.pathname.endsWith(".ts")) {
    await import(entry.href);
    return;
  }
  const compiled = await compileEntry(entry);
  if (compiled !== undefined) {
    await import(compiled.href);
    return;
  }
  const { register } = (await import("tsx/esm/api")) as { register(): unknown };
  register();
  await import(entry.href);
}

/**
 * Every module keeps the `import.meta.url` of its own source file: the code finds what lies beside it
 * (the worker entry, the builder's sources it fingerprints) as it does from source, wherever the compiled
 * chunk is.
 */
// Written as a pattern so that this file, compiled too, does not rewrite it in itself.
const IMPORT_META_URL = /\bimport\.meta\.url\b/g;

const keepSourceUrls: EsbuildPlugin = {
  name: "keep-source-urls",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, "utf8")).replace(IMPORT_META_URL, JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
  },
};

/**
 * A hash of what the compile is made of and how: the entry and every file of ours it reaches, this file (the
 * options), the compiler's version, and the packages installed (npm's record of node_modules, which any
 * install rewrites), since they are compiled in.
 */
async function sourceVersion(entry: URL, compilerVersion: string): Promise<string> {
  const hash = createHash("sha256");
  for (const { path, bytes } of await readSourceClosure(entry)) hash.update(`${path}\n`).update(bytes);
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  hash.update(`esbuild ${compilerVersion}\n`);
  hash.update(await readFile(fileURLToPath(INSTALLED_PACKAGES)).catch(() => "no node_modules/.package-lock.json"));
  return hash.digest("hex").slice(0, 32);
}

// Versions of this entry no run has touched for a while: kept meanwhile, since a run still going on one
// loads its chunks (a dynamic import) as it reaches them.
async function removeStaleVersions(folder: URL, name: string, keep: URL): Promise<void> {
  const pattern = new RegExp(`^${name.replace(/[^\w-]/g, "\\$&")}-[0-9a-f]{32}(\\.\\d+\\.tmp)?$`);
  for (const entry of await readdir(folder).catch(() => [] as string[])) {
    const path = fileURLToPath(new URL(`${entry}/`, folder));
    if (!pattern.test(entry) || path === fileURLToPath(keep)) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_MILLISECONDS) await rm(path, { recursive: true, force: true });
  }
}

async function exists(url: URL): Promise<boolean> {
  return stat(url).then(
    () => true,
    () => false,
  );
}
