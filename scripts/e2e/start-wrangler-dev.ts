import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, stopProcessGroup, toolEnvironment } from "./run-command";

/** A running `wrangler dev` on a private state folder. */
export interface WranglerDev {
  /** `http://127.0.0.1:<port>`, where the Worker answers. */
  origin: string;
  /** Stops wrangler and the workerd it started; resolves once they are gone (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no free port"))));
    });
  });
}

/**
 * Starts `wrangler dev --persist-to <state>` on free ports (the Worker's and the inspector's, so it never
 * meets someone else's `wrangler dev` on 8787 and 9229) and resolves once `/` answers 200. Fails with
 * wrangler's output when it exits early or does not answer within `timeoutMilliseconds`.
 */
export async function startWranglerDev(state: string, timeoutMilliseconds: number): Promise<WranglerDev> {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", state];
  const child = spawn(join(ROOT, "node_modules", ".bin", "wrangler"), [...args, "--show-interactive-dev-session=false", "--log-level", "warn"], {
    cwd: ROOT,
    env: toolEnvironment(),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: stopping it also stops workerd.
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopProcessGroup(child.pid);
    const killer = setTimeout(() => stopProcessGroup(child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode} before answering:\n${log}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  await stop();
  throw new Error(`wrangler dev did not answer 200 on ${origin}/ within ${Math.round(timeoutMilliseconds / 1000)} s:\n${log}`);
}
