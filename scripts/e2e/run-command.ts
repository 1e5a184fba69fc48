import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

/** The repository root (scripts/e2e/../..). */
export const ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * The environment for the project's tools: node_modules/.bin first on PATH, so `tsx` and `wrangler` run on
 * the `node` devDependency (Node 24; wrangler refuses the machine's Node 20) even outside npm scripts.
 */
export function toolEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`, WRANGLER_SEND_METRICS: "false" };
}

/** What a finished command printed (stdout and stderr interleaved) and how it exited. */
export interface CommandResult {
  code: number | null;
  output: string;
}

/** Options of runCommand. */
export interface RunOptions {
  /** Killed (its whole process group) after this long; the result then says so. */
  timeoutMilliseconds: number;
  /** Called with each chunk of output as it arrives, e.g. to show progress. */
  echo?: (chunk: string) => void;
}

/**
 * Runs a command in the repository with the tools' environment and resolves when it exits, with its
 * output; never rejects for a non-zero exit (callers decide), only when it cannot be started.
 */
export async function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  // Its own process group, so a timeout also stops what it started (tsx's node, workerd).
  const child = spawn(command, args, { cwd: ROOT, env: toolEnvironment(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    output += text;
    options.echo?.(text);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopProcessGroup(child.pid);
  }, options.timeoutMilliseconds);
  try {
    const code = await new Promise<number | null>((done, fail) => {
      child.once("error", fail);
      child.once("close", (exitCode) => done(exitCode));
    });
    if (timedOut) output += `\n(killed after ${Math.round(options.timeoutMilliseconds / 1000)} s)`;
    return { code: timedOut ? null : code, output };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends SIGTERM to a process group this script started; quiet when it is already gone. */
export function stopProcessGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already exited.
  }
}
