import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** `.ts` when running from source (tsx, Vitest), `.js` once compiled. */
export function extensionOf(url: string): string {
  return /\.[cm]?ts$/.test(new URL(url).pathname) ? ".ts" : ".js";
}

/**
 * Node flags that run our TypeScript entries in a new thread or process: this process's, which under `tsx`
 * already load TypeScript; elsewhere (Vitest transforms files itself, in its own way) with tsx's loader
 * added, so the same TypeScript entry runs everywhere. Compiled code needs nothing added.
 */
export function typeScriptExecArgv(): string[] {
  const flags = process.execArgv;
  if (extensionOf(import.meta.url) !== ".ts") return flags;
  if (flags.some((flag) => flag.includes("tsx"))) return flags;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return [...flags, "--import", loader];
}

/** Flags that take a module to load before the entry: a TypeScript loader comes in through one of them. */
const LOADER_FLAG = /^--(import|require|loader|experimental-loader)(=|$)/;

/**
 * `flags` without the TypeScript loader (tsx) typeScriptExecArgv would add: a compiled entry needs none, and
 * tsx's loader costs each worker thread ~0.2 s of CPU to start (75 ms → 255-287 ms until a build worker on
 * the compiled entry answered, measured here).
 */
export function withoutTypeScriptLoader(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index]!;
    const bare = LOADER_FLAG.test(flag) && !flag.includes("=");
    const value = bare ? (flags[index + 1] ?? "") : flag;
    if (LOADER_FLAG.test(flag) && value.includes("tsx")) {
      if (bare) index++;
      continue;
    }
    kept.push(flag);
  }
  return kept;
}
