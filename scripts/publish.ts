// `npm run publish`: publishes .build/articles.ndjson to the local KV store, or with --remote to Cloudflare.
import { runPublishCommand } from "../src/builder/publish/publish-command";

process.exitCode = await runPublishCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
