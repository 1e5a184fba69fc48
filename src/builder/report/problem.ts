/** Something wrong with one input file: an error keeps the post out, a warning lets it publish. */
export interface Problem {
  /** The file's path as given on the command line (relative to the working directory). */
  file: string;
  /** 1-based line in the file, where known. */
  line?: number;
  severity: "error" | "warning";
  message: string;
}

/** Formats a problem as `path:line: reason` (or `path: reason`), the way compilers do. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const prefix = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${prefix}${problem.message}`;
}
