// npm test: the type-check, the import rules, then every Vitest test (Node and workerd). See --help.
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";
import { runSteps } from "./support/run-steps";

const usage = `usage: npm test [-- VITEST_OPTIONS_AND_FILES]

Runs, stopping at the first that fails:
  1. tsc --noEmit                     (npm run typecheck)
  2. tsx scripts/check-imports.ts     (npm run check:imports: no import cycle, builder → model ← worker)
  3. vitest run                       every test under test/, in Node and in workerd
Arguments go to vitest run, e.g. \`npm test -- test/worker/read-costs.test.ts\` or \`-- -t "returns 404"\`.

  --help   show this text`;
exitWithUsageIfAsked(usage);

process.exitCode = runSteps([
  { command: "tsc", args: ["--noEmit"] },
  { command: "tsx", args: ["scripts/check-imports.ts"] },
  { command: "vitest", args: ["run", ...process.argv.slice(2)] },
]);
