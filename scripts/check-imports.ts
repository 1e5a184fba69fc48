// npm run check:imports (part of npm test): fails on an import cycle anywhere in src/ (between files or
// between folders) and on an import that breaks `builder → model ← worker`. See --help.
import { execFileSync } from "node:child_process";
import { findImportProblems, readImportGraph } from "./support/import-rules";
import { ROOT } from "./support/run-command";

if (process.argv.includes("--help")) {
  console.log(`usage: npm run check:imports

Reads every import of src/**/*.ts and exits 1, listing each problem, when:
  - files import each other in a cycle, or folders do (a stage must not import one that imports it back);
  - src/model imports anything outside itself, a node:* module or a package;
  - src/builder imports src/worker, or src/worker imports src/builder or a node:* module.`);
  process.exit(0);
}
const paths = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "src/**.ts"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"));
const problems = findImportProblems(readImportGraph(ROOT, paths));
for (const problem of problems) console.error(`check-imports: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`check-imports: ${paths.length} files in src/, no import cycle, builder → model ← worker holds`);
