/**
 * Prints `usage` and exits 0 when the command line asks for `--help`, before the command does anything: a
 * newcomer's `npm run X -- --help` must never start a build, a wrangler or a benchmark.
 */
export function exitWithUsageIfAsked(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes("--help")) return;
  console.log(usage);
  process.exit(0);
}
