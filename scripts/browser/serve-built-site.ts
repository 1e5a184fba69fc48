// The site under test for npm run test:browser: the seed plus generated posts built with `npm run build`
// into a local KV store of the test's own (served by scripts/support/start-wrangler-dev.ts).
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runCommandOrFail } from "../support/run-command";

/**
 * Builds `generatedPosts` generated posts plus seeds/ with `npm run build`, publishing them to a local store
 * of the test's own; `signal` stops the running command (its process group) when aborted.
 */
export async function buildSite(state: string, generatedPosts: number, signal?: AbortSignal): Promise<void> {
  const posts = await mkdtemp(join(tmpdir(), "edgefeed-e2e-posts-"));
  try {
    // The generator empties its folder first, so the seeds go in after it.
    await runCommandOrFail("npm", ["run", "--silent", "generate", "--", "--count", String(generatedPosts), "--out", posts], { signal });
    await cp(join(ROOT, "seeds"), posts, { recursive: true });
    await runCommandOrFail("npm", ["run", "--silent", "build", "--", posts, "--quiet", "--persist-to", state], { signal });
  } finally {
    await rm(posts, { recursive: true, force: true });
  }
}
