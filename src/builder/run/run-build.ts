import { buildInChildProcess } from "./build-in-child-process";
import { BUILD_OUTPUT, type BuildOnlyOptions, type BuildOptions } from "./build-options";
import { PARALLEL_THRESHOLD } from "./build-posts";
import { prepareBuild, type PreparedBuild } from "./prepare-build";

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
  const buildOptions = buildOnlyOptions(options, output);
  let prepared: PreparedBuild | undefined;
  if (options.inChildProcess) {
    try {
      prepared = await prepareBuild(buildOptions, true);
    } catch (failure) {
      error(`build: ${(failure as Error).message}`);
      return 1;
    }
    // A few posts to build (a rebuild) cost less than starting a process, and hold little memory.
    if (prepared.toRead >= (options.minimumForChildProcess ?? PARALLEL_THRESHOLD)) {
      await prepared.cache?.abandonWriting();
      prepared = undefined;
    }
  }
  const built =
    options.inChildProcess && prepared === undefined
      ? await buildInChildProcess({ ...buildOptions, workersAtOnce: true }, log, error)
      : // Imported here only: what builds and saves is work a process that leaves the build to a child never needs.
        await (await import("./build-and-save")).buildAndSaveArticles(buildOptions, log, error, prepared);
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
  const { publish: _publish, log: _log, error: _error, inChildProcess: _inChildProcess, minimumForChildProcess: _minimum, ...rest } = options;
  return { ...rest, output };
}
