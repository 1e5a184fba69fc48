import type { Problem } from "./problem";

/** Collects one file's problems, each placed on the front-matter line of the key it is about when known. */
export class ProblemList {
  readonly problems: Problem[] = [];
  private keyLines = new Map<string, number>();

  constructor(private readonly file: string) {}

  /** Remembers where each top-level key is written, so problems about a key can name its line. */
  locateKeys(yamlText: string, firstLine: number): void {
    yamlText.split("\n").forEach((line, index) => {
      const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
      if (key !== undefined && !this.keyLines.has(key)) this.keyLines.set(key, firstLine + index);
    });
  }

  /** Adds a problem, on the given line or else on the line of the given key when it was located. */
  add(severity: Problem["severity"], message: string, where?: { key?: string; line?: number }): void {
    const line = where?.line ?? (where?.key === undefined ? undefined : this.keyLines.get(where.key));
    this.problems.push(line === undefined ? { file: this.file, severity, message } : { file: this.file, line, severity, message });
  }

  /** True once any problem is an error: the post will not be returned. */
  get hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === "error");
  }
}
