// The site under test for npm run test:browser: the seed plus generated posts, their pictures on a local
// stand-in for Sina's host, built with `npm run build` into a local KV store of the test's own (served by
// scripts/support/start-wrangler-dev.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommandOrFail } from "../support/run-command";
import { writeImageTestPosts } from "../support/write-image-test-posts";

/**
 * Builds seeds/, `generatedPosts` generated posts and the image formats post, all with their pictures on
 * `imageOrigin`, with `npm run build`, publishing them to a local store of the test's own; `signal` stops the
 * running command (its process group) when aborted.
 */
export async function buildSite(state: string, generatedPosts: number, imageOrigin: string, signal?: AbortSignal): Promise<void> {
  const posts = await mkdtemp(join(tmpdir(), "edgefeed-e2e-posts-"));
  try {
    await writeImageTestPosts(posts, imageOrigin, { generated: generatedPosts, formats: true, failures: false });
    await runCommandOrFail("npm", ["run", "--silent", "build", "--", posts, "--quiet", "--persist-to", state], { signal });
  } finally {
    await rm(posts, { recursive: true, force: true });
  }
}
