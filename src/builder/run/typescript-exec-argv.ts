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
