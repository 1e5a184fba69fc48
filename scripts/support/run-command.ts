import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

/** The repository root (scripts/support/../..). */
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
  /** Where it runs; the repository root unless given. */
  cwd?: string;
  /** Killed (its whole process group) after this long; the result then says so. No limit unless given. */
  timeoutMilliseconds?: number;
  /** Called with each chunk of output as it arrives, e.g. to show progress. */
  echo?: (chunk: string) => void;
  /** Stops its whole process group when aborted, e.g. from a script's SIGINT handler. */
  signal?: AbortSignal;
}

/**
 * Runs a command with the tools' environment and resolves when it exits, with its output; never rejects
 * for a non-zero exit (callers decide), only when it cannot be started.
 */
export async function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  // Its own process group, so a timeout or an abort also stops what it started (tsx's node, workerd).
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: toolEnvironment(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    output += text;
    options.echo?.(text);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const abort = (): void => stopProcessGroup(child.pid);
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  let timedOut = false;
  const { timeoutMilliseconds } = options;
  const timer =
    timeoutMilliseconds === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stopProcessGroup(child.pid);
        }, timeoutMilliseconds);
  try {
    const code = await new Promise<number | null>((done, fail) => {
      child.once("error", fail);
      child.once("close", (exitCode) => done(exitCode));
    });
    if (timedOut) output += `\n(killed after ${Math.round(timeoutMilliseconds! / 1000)} s)`;
    return { code: timedOut ? null : code, output };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", abort);
  }
}

/** Runs a command like runCommand and resolves to its output, or fails naming the command, its exit code and its output. */
export async function runCommandOrFail(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
  return result.output;
}

/** Sends SIGTERM (or `signal`) to a process group this script started; quiet when it is already gone. */
export function stopProcessGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already exited.
  }
}
