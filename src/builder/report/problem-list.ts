import type { Problem } from "./problem";

/** Collects one file's problems, each placed on the front-matter line of the key it is about when known. */
export class ProblemList {
  readonly problems: Problem[] = [];
  private keyLines: Map<string, number> | undefined;
  /** The front matter whose keys are looked up, located only when a problem names a key (most posts have none). */
  private located: { yamlText: string; firstLine: number } | undefined;

  constructor(private readonly file: string) {}

  /** Remembers where each top-level key is written, so problems about a key can name its line. */
  locateKeys(yamlText: string, firstLine: number): void {
    this.located = { yamlText, firstLine };
    this.keyLines = undefined;
  }

  /** The line of each top-level key of the located front matter, the first where a key is written twice. */
  private lineOfKey(key: string): number | undefined {
    if (this.keyLines === undefined) {
      const keyLines = new Map<string, number>();
      if (this.located !== undefined) {
        const { yamlText, firstLine } = this.located;
        yamlText.split("\n").forEach((line, index) => {
          const name = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
          if (name !== undefined && !keyLines.has(name)) keyLines.set(name, firstLine + index);
        });
      }
      this.keyLines = keyLines;
    }
    return this.keyLines.get(key);
  }

  /** Adds a problem, on the given line or else on the line of the given key when it was located. */
  add(severity: Problem["severity"], message: string, where?: { key?: string; line?: number }): void {
    const line = where?.line ?? (where?.key === undefined ? undefined : this.lineOfKey(where.key));
    this.problems.push(line === undefined ? { file: this.file, severity, message } : { file: this.file, line, severity, message });
  }

  /** True once any problem is an error: the post will not be returned. */
  get hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === "error");
  }
}
