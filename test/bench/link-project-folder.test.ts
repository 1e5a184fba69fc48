import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linkProjectFolder } from "../../bench/link-project-folder";

function repositoryWith(entries: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "edgefeed-link-"));
  const repository = join(root, "repository");
  mkdirSync(repository);
  for (const entry of entries) {
    if (entry.includes(".")) writeFileSync(join(repository, entry), "{}");
    else mkdirSync(join(repository, entry));
  }
  return repository;
}

describe("linkProjectFolder", () => {
  it("links every top-level entry but the build output, the local store, bench-out and .git", () => {
    const repository = repositoryWith(["package.json", "wrangler.toml", "src", "scripts", "node_modules", ".build", ".wrangler", "bench-out", ".git"]);
    const project = join(repository, "..", "project");
    linkProjectFolder(repository, project);
    for (const entry of ["package.json", "wrangler.toml", "src", "scripts", "node_modules"]) {
      expect(lstatSync(join(project, entry)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(project, entry))).toBe(join(repository, entry));
    }
    for (const entry of [".build", ".wrangler", "bench-out", ".git"]) expect(existsSync(join(project, entry))).toBe(false);
  });

  it("refuses a folder that exists, so a timed first build never starts from an old one", () => {
    const repository = repositoryWith(["package.json"]);
    const project = join(repository, "..", "project");
    mkdirSync(project);
    expect(() => linkProjectFolder(repository, project)).toThrow(/project exists/);
  });
});
