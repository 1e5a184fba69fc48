// The site under test for npm run test:browser: the seed plus generated posts built with `npm run build`
// into a local KV store of the test's own, served by `wrangler dev` on free ports.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** Runs a command to completion in the repository, failing with its output when it fails. */
async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`);
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Builds `generatedPosts` generated posts plus seeds/ with `npm run build`, publishing them to a local store of the test's own. */
export async function buildSite(state: string, generatedPosts: number): Promise<void> {
  const posts = await mkdtemp(join(tmpdir(), "edgefeed-e2e-posts-"));
  try {
    // The generator empties its folder first, so the seeds go in after it.
    await run("npm", ["run", "--silent", "generate", "--", "--count", String(generatedPosts), "--out", posts]);
    await cp(join(ROOT, "seeds"), posts, { recursive: true });
    await run("npm", ["run", "--silent", "build", "--", posts, "--quiet", "--persist-to", state]);
  } finally {
    await rm(posts, { recursive: true, force: true });
  }
}

/** Starts `wrangler dev` on the store and waits until it answers; resolves to its origin. */
export async function startWorker(state: string): Promise<{ origin: string; worker: ChildProcess }> {
  const port = await freePort();
  const inspector = await freePort();
  const worker = spawn(
    join(ROOT, "node_modules", ".bin", "wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "warn"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  let log = "";
  worker.stdout?.on("data", (chunk) => (log += chunk));
  worker.stderr?.on("data", (chunk) => (log += chunk));
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (worker.exitCode !== null) throw new Error(`wrangler dev exited with ${worker.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.status === 200) return { origin, worker };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  stopWorker(worker);
  throw new Error(`wrangler dev did not answer on ${origin} within a minute:\n${log}`);
}

/** Stops wrangler dev and the workerd it started (one process group, started by this script). */
export function stopWorker(worker: ChildProcess): void {
  if (worker.pid !== undefined && worker.exitCode === null) {
    try {
      process.kill(-worker.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}
