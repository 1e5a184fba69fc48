import { spawnSync } from "node:child_process";
import { toolEnvironment } from "./run-command";

/** One command of a sequence: the program (found on node_modules/.bin first) and its arguments. */
export interface Step {
  command: string;
  args: readonly string[];
}

/**
 * Runs the steps one after another in the current folder (npm runs scripts in the package's), their output on this terminal, as `a && b && c`
 * would, and returns the exit status of the first that failed (0 when all succeeded).
 */
export function runSteps(steps: readonly Step[]): number {
  for (const { command, args } of steps) {
    const result = spawnSync(command, args, { env: toolEnvironment(), stdio: "inherit" });
    if (result.error) {
      console.error(`${command}: ${result.error.message}`);
      return 1;
    }
    // A step stopped by a signal (Ctrl-C) fails the sequence as a shell would.
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}
