import { buildInChildProcess } from "./build-in-child-process";
import { BUILD_OUTPUT, type BuildOnlyOptions, type BuildOptions } from "./build-options";

/**
 * Builds every post under a folder, reports each problem as `path: reason`, saves the articles and
 * publishes them. Returns the exit status: 0 when anything was published, 1 when nothing could be
 * (the previous build stays in place), and 1 under `strict` on any problem, which then saves and publishes
 * nothing.
 */
export async function runBuild(options: BuildOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  const output = options.output ?? BUILD_OUTPUT;
  // The articles are never all in memory: the build spools them to disk as they come, and the publish
  // reads each back from the saved file when it must be written.
  const built = options.inChildProcess
    ? await buildInChildProcess(buildOnlyOptions(options, output), log, error)
    : // Imported here only: loading the builder (linkedom and all) is work a process that leaves the build
      // to a child never needs.
      await (await import("./build-and-save")).buildAndSaveArticles({ ...options, output }, log, error);
  if (built === undefined) return 1;
  if (options.publish) {
    try {
      const line = await options.publish(output, built.saved);
      if (!options.quiet) log(line);
      // --quiet prints only problems: the publish's warnings (a WebSub hub that was not told) are problems.
      else for (const warning of line.split("\n").filter((text) => text.trimStart().startsWith("warning:"))) error(warning.trim());
    } catch (failure) {
      error(`build: publishing failed, the previous generation stays live: ${(failure as Error).message}`);
      log(built.summary);
      return 1;
    }
  }
  log(built.summary);
  return 0;
}

function buildOnlyOptions(options: BuildOptions, output: string): BuildOnlyOptions {
  const { publish: _publish, log: _log, error: _error, inChildProcess: _inChildProcess, ...rest } = options;
  return { ...rest, output };
}
