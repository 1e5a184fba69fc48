import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { findFreePort } from "./free-port";
import { ROOT, stopProcessGroup, toolEnvironment } from "./run-command";

/** A running `wrangler dev` on a private state folder. */
export interface WranglerDev {
  /** `http://127.0.0.1:<port>`, where the Worker answers. */
  origin: string;
  /** The pid of wrangler, which leads the process group workerd runs in (e.g. to sample workerd's memory). */
  pid: number;
  /** Stops wrangler and the workerd it started; resolves once they are gone (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Options of startWranglerDev. */
export interface WranglerDevOptions {
  /** The folder for `--persist-to`: the local KV store the Worker reads. */
  state: string;
  /** Where wrangler runs, i.e. whose wrangler.toml it serves; the repository root unless given. */
  cwd?: string;
  /** How long to wait for `/` to answer 200 before stopping wrangler and failing. */
  timeoutMilliseconds: number;
  /** Stops wrangler's process group when aborted, also while it is starting (e.g. from a SIGINT handler). */
  signal?: AbortSignal;
  /**
   * `[vars]` and secrets the Worker gets over wrangler.toml's and `.dev.vars` (`--var NAME:VALUE`). Unless given,
   * IMAGE_PROXY_SECRET is a fresh random one, so the image proxy is on and a developer's `.dev.vars` changes nothing.
   */
  vars?: Record<string, string>;
  /** The Worker's port, e.g. one a SITE_URL in `vars` names; a free one unless given. */
  port?: number;
  /** More `wrangler dev` arguments, e.g. an entry point other than wrangler.toml's `main`, or `--alias`. */
  arguments?: readonly string[];
}

/**
 * Starts `wrangler dev --persist-to <state>` on free ports (the Worker's and the inspector's, so it never
 * meets someone else's `wrangler dev` on 8787 and 9229) and resolves once `/` answers 200. Fails with
 * wrangler's output when it exits early or does not answer within `timeoutMilliseconds`.
 */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const { state, timeoutMilliseconds, signal } = options;
  const port = options.port ?? (await findFreePort());
  const inspectorPort = await findFreePort();
  const vars = { IMAGE_PROXY_SECRET: randomBytes(32).toString("hex"), ...options.vars };
  // The extra arguments first: an entry point after `--var NAME:VALUE` would be taken as one more var.
  const args = ["dev", ...(options.arguments ?? []), "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", state];
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const child = spawn(join(ROOT, "node_modules", ".bin", "wrangler"), [...args, "--show-interactive-dev-session=false", "--log-level", "warn"], {
    cwd: options.cwd ?? ROOT,
    env: toolEnvironment(),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: stopping it also stops workerd.
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // The SIGTERM goes out before the first await, so a signal handler that calls stop() and exits still sends it.
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopProcessGroup(child.pid);
    const killer = setTimeout(() => stopProcessGroup(child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const abort = (): void => void stop();
  if (signal?.aborted) abort();
  signal?.addEventListener("abort", abort, { once: true });
  void exited.then(() => signal?.removeEventListener("abort", abort));
  if (child.pid === undefined) throw new Error(`wrangler dev could not be started:\n${log}`);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode ?? child.signalCode} before answering:\n${log}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { origin, pid: child.pid, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  await stop();
  throw new Error(`wrangler dev did not answer 200 on ${origin}/ within ${Math.round(timeoutMilliseconds / 1000)} s:\n${log}`);
}
