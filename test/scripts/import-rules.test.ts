import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findImportProblems, readImportGraph } from "../../scripts/support/import-rules";
import { temporaryFolders } from "../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-import-rules-");

/** Writes a tree of source files and gives the problems findImportProblems sees in it. */
function problemsOf(files: Record<string, string>): string[] {
  const root = makeFolder();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return findImportProblems(readImportGraph(root, Object.keys(files)));
}

describe("findImportProblems", () => {
  it("finds nothing in a tree that keeps builder → model ← worker", () => {
    expect(
      problemsOf({
        "src/model/scope.ts": "export const a = 1;",
        "src/builder/post/parse-post.ts": 'import { a } from "../../model/scope";\nimport { readFileSync } from "node:fs";',
        "src/builder/run/run-build.ts": 'import "../post/parse-post";',
        "src/worker/index.ts": 'import { a } from "../model/scope";\nimport { Router } from "itty-router";',
      }),
    ).toEqual([]);
  });

  it("reports a cycle between two files, type-only imports included", () => {
    expect(
      problemsOf({
        "src/builder/run/run-build.ts": 'import { buildAndSave } from "./build-and-save";',
        "src/builder/run/build-and-save.ts": 'import type { BuildOptions } from "./run-build";',
      }),
    ).toEqual(["import cycle between files: src/builder/run/build-and-save.ts → src/builder/run/run-build.ts → src/builder/run/build-and-save.ts"]);
  });

  it("reports a dynamic import() and an export-from as imports", () => {
    const problems = problemsOf({
      "src/builder/a.ts": 'export { b } from "./b";',
      "src/builder/b.ts": 'export const b = () => import("./a");',
    });
    expect(problems).toEqual(["import cycle between files: src/builder/a.ts → src/builder/b.ts → src/builder/a.ts"]);
  });

  it("reports two stage folders that import each other even when no file cycle does", () => {
    expect(
      problemsOf({
        "src/builder/plan/open-sources.ts": 'import { PublishError } from "../publish/publish-error";',
        "src/builder/publish/publish-error.ts": "export class PublishError extends Error {}",
        "src/builder/publish/publish-command.ts": 'import "../plan/open-sources";',
      }),
    ).toEqual(["import cycle between folders: src/builder/plan → src/builder/publish → src/builder/plan"]);
  });

  it("reports the builder and the Worker importing each other, and node:* in the Worker", () => {
    expect(
      problemsOf({
        "src/builder/post/parse-post.ts": 'import { Env } from "../../worker/env";',
        "src/worker/env.ts": 'import { readFileSync } from "node:fs";\nexport interface Env {}',
        "src/worker/routes/serve-feed.ts": 'import { buildArticle } from "../../builder/article/build-article";',
        "src/builder/article/build-article.ts": "export const buildArticle = 1;",
      }),
    ).toEqual([
      "src/builder/post/parse-post.ts imports src/worker/env.ts: src/builder may import src/model",
      "src/worker/env.ts imports node:fs: the Worker runs in workerd without nodejs_compat",
      "src/worker/routes/serve-feed.ts imports src/builder/article/build-article.ts: src/worker may import src/model",
    ]);
  });

  it("resolves ./x.js to x.ts, so a cycle written with extensions is still found", () => {
    expect(
      problemsOf({
        "src/builder/a/x.ts": 'import { y } from "../b/y.js";',
        "src/builder/b/y.ts": 'import { x } from "../a/x.js";',
      }),
    ).toEqual(["import cycle between files: src/builder/a/x.ts → src/builder/b/y.ts → src/builder/a/x.ts", "import cycle between folders: src/builder/a → src/builder/b → src/builder/a"]);
  });

  it("reports src/ reaching outside src/ by a relative path, and Node modules without node: in the Worker", () => {
    expect(
      problemsOf({
        "src/model/scope.ts": 'import { g } from "../../scripts/support/generate-post";',
        "src/worker/env.ts": 'import { readFileSync } from "fs";',
      }),
    ).toEqual([
      "src/model/scope.ts imports scripts/support/generate-post: code under src/ imports nothing outside src/ but packages, by name",
      "src/worker/env.ts imports fs: the Worker runs in workerd without nodejs_compat",
    ]);
  });

  it("keeps the model pure: no builder, no node:*, no package", () => {
    expect(
      problemsOf({
        "src/model/scope.ts": 'import { createHash } from "node:crypto";\nimport { parseHTML } from "linkedom";\nimport "../builder/x";',
        "src/builder/x.ts": "export {};",
      }),
    ).toEqual([
      "src/model/scope.ts imports src/builder/x.ts: src/model may import nothing outside itself",
      "src/model/scope.ts imports node:crypto: src/model is pure, with no node:* module and no package",
      "src/model/scope.ts imports linkedom: src/model is pure, with no node:* module and no package",
    ]);
  });
});
