import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";

// Two projects: pure logic and the Node build run in plain Node; everything that needs the Workers
// runtime (the Worker's own fetch, KV) runs inside workerd through the Cloudflare Vitest plugin.
// The feed renderers are pure, and their golden-file tests need node:fs, so test/worker/feeds runs in Node.
const PURE_WORKER_TESTS = "test/worker/feeds/**/*.test.ts";
export default defineConfig({
  test: {
    // Golden files are file snapshots (test/support/match-golden.ts): a missing one fails instead of being
    // written, here as in CI; `npx vitest run -u` rewrites them for an intended change.
    update: "none",
    projects: [
      {
        test: {
          name: "node",
          include: ["test/model/**/*.test.ts", "test/builder/**/*.test.ts", "test/scripts/**/*.test.ts", "test/bench/**/*.test.ts", PURE_WORKER_TESTS],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        // The image proxy's secret is a developer's own (.dev.vars, which the plugin reads too): tests have one
        // of their own, so the proxy is on as in production, whatever .dev.vars holds.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { IMAGE_PROXY_SECRET: "the image proxy secret of the workers tests" } } })],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts"],
          exclude: [...configDefaults.exclude, PURE_WORKER_TESTS],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
