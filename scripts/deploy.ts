// npm run deploy: `wrangler deploy` of the Worker in wrangler.toml, refused while SITE_URL is empty. See --help.
import { readSiteConfigFile } from "../src/builder/run/read-site-config-file";
import { ALLOW_EMPTY_SITE_URL, deploySiteUrlProblem } from "./support/deploy-site-url-problem";
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { runSteps } from "./support/run-steps";

const usage = `usage: npm run deploy [-- ${ALLOW_EMPTY_SITE_URL}] [WRANGLER_DEPLOY_OPTIONS]

Deploys the Worker with \`wrangler deploy\` (wrangler.toml: the FEEDS namespace id, [vars]). Refuses while
[vars] SITE_URL is empty: the feeds' links, and without SITE_ID their ids, would follow whichever host a
request reached (README "Settings"). Other options go to wrangler deploy, e.g. \`-- --dry-run --outdir
.build/deploy\` to see the upload size without deploying.

  ${ALLOW_EMPTY_SITE_URL}   deploy with an empty SITE_URL all the same (a trial on workers.dev)
  --help                    show this text`;
exitWithUsageIfAsked(usage);

const argv = process.argv.slice(2);
try {
  const problem = deploySiteUrlProblem(await readSiteConfigFile("wrangler.toml"), argv);
  if (problem !== undefined) {
    console.error(problem);
    process.exit(1);
  }
} catch (error) {
  console.error(`deploy: ${(error as Error).message}`);
  process.exit(1);
}
process.exitCode = runSteps([{ command: "wrangler", args: ["deploy", ...argv.filter((argument) => argument !== ALLOW_EMPTY_SITE_URL)] }]);
