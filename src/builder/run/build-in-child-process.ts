import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BuildOnlyOptions, BuiltArticles } from "./build-options";


/** What the build's child process tells its parent: a line to print, then the build's result (null: nothing to publish). */
export type BuildChildMessage =
  | { kind: "log"; line: string }
  | { kind: "error"; line: string }
  | { kind: "done"; built: BuiltArticles | null };

const CHILD_ENTRY = fileURLToPath(new URL("./build-child.ts", import.meta.url));

/** Starts a TypeScript entry compiled (see run-compiled.ts), from source or not, with no loader to register. */
const LAUNCHER = fileURLToPath(new URL("./run-compiled.ts", import.meta.url));

/**
 * Runs buildAndSaveArticles (build-and-save.ts) in a child Node process (build-child.ts, compiled: see
 * run-compiled.ts) with this process's flags (its heap cap included) and gives back its result. Every line the build reports reaches `log` or `error` here,
 * in order; the child's progress goes to the stderr both share. A child that ends without a result (a
 * crash, a kill, running out of memory) is reported as a build error naming how it ended.
 * Why: see src/builder/memory-limits.ts. `entry` is for tests.
 */
export function buildInChildProcess(
  options: BuildOnlyOptions,
  log: (line: string) => void,
  error: (line: string) => void,
  entry: string = CHILD_ENTRY,
): Promise<BuiltArticles | undefined> {
  return new Promise((resolve) => {
    let built: BuiltArticles | null | undefined;
    let settled = false;
    const settle = (value: BuiltArticles | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    // "advanced" serialization: the saved articles' list crosses as a structured clone, not JSON.
    const child = fork(LAUNCHER, [entry], { execArgv: process.execArgv, stdio: ["inherit", "inherit", "inherit", "ipc"], serialization: "advanced" });
    child.on("message", (message: BuildChildMessage) => {
      if (message.kind === "log") log(message.line);
      else if (message.kind === "error") error(message.line);
      else built = message.built;
    });
    child.once("error", (failure) => {
      error(`build: cannot run the build process: ${failure.message}`);
      settle(undefined);
    });
    // "close", not "exit": it comes after the last message has been handled.
    child.once("close", (code, signal) => {
      if (built === undefined) {
        const how = signal === null ? `with exit code ${code}` : `by signal ${signal}`;
        error(`build: the build process ended ${how} before it finished; the previous build stays live.`);
      }
      settle(built ?? undefined);
    });
    child.send(options);
  });
}
