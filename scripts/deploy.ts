// npm run deploy: `wrangler deploy` of the Worker in wrangler.toml. See --help.
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { runSteps } from "./support/run-steps";

const usage = `usage: npm run deploy [-- WRANGLER_DEPLOY_OPTIONS]

Deploys the Worker with \`wrangler deploy\` (wrangler.toml: the FEEDS namespace id, [vars]). Options go to
wrangler deploy, e.g. \`-- --dry-run --outdir .build/deploy\` to see the upload size without deploying.

  --help   show this text`;
exitWithUsageIfAsked(usage);

process.exitCode = runSteps([{ command: "wrangler", args: ["deploy", ...process.argv.slice(2)] }]);
