import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Two projects: pure logic and the Node build run in plain Node; everything that needs the Workers
// runtime (the Worker's own fetch, KV) runs inside workerd through the Cloudflare Vitest plugin.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/model/**/*.test.ts", "test/build/**/*.test.ts", "test/scripts/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
