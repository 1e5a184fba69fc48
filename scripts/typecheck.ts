// npm run typecheck: tsc --noEmit over the whole project (src, scripts, bench, test). See --help.
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { runSteps } from "./support/run-steps";

const usage = `usage: npm run typecheck [-- TSC_OPTIONS]

Type-checks the project with \`tsc --noEmit\` (tsconfig.json); writes nothing. Options go to tsc.

  --help   show this text`;
exitWithUsageIfAsked(usage);

process.exitCode = runSteps([{ command: "tsc", args: ["--noEmit", ...process.argv.slice(2)] }]);
