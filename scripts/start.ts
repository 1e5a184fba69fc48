// npm start / npm run dev: builds seeds/ into local KV (npm start only), gives .dev.vars an image proxy
// secret, then serves the Worker with `wrangler dev` on http://localhost:8787. See --help.
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { runSteps, type Step } from "./support/run-steps";

const usage = `usage: npm start [-- WRANGLER_DEV_OPTIONS]
       npm run dev [-- WRANGLER_DEV_OPTIONS]

npm start builds seeds/ into the local KV store (npm run build), writes a random IMAGE_PROXY_SECRET to
.dev.vars if it names none, and serves the Worker with \`wrangler dev --port 8787\` on http://localhost:8787.
npm run dev does the same without the build (it serves what the last build published). Other options are
passed to wrangler dev (\`npx wrangler dev --help\` lists them).

  --no-build   serve without building first (what npm run dev passes)
  --help       show this text`;
exitWithUsageIfAsked(usage);

const argv = process.argv.slice(2);
const steps: Step[] = [];
if (!argv.includes("--no-build")) steps.push({ command: "npm", args: ["run", "build"] });
steps.push({ command: "tsx", args: ["scripts/ensure-dev-secret.ts"] });
steps.push({ command: "wrangler", args: ["dev", "--port", "8787", ...argv.filter((argument) => argument !== "--no-build")] });
process.exitCode = runSteps(steps);
