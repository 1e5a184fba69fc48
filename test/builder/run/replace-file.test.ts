import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { moveIntoPlace, removeLeftovers, temporaryPathFor } from "../../../src/builder/run/replace-file";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-replace-file-");

/** Waits until `check` holds (the old file's unlink runs on libuv's threads). */
async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check() && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("moveIntoPlace", () => {
  it("puts the new file in place of the old one and leaves nothing else behind", async () => {
    const folder = makeFolder();
    const target = join(folder, "articles.ndjson");
    writeFileSync(target, "old\n");
    const temporary = temporaryPathFor(target);
    writeFileSync(temporary, "new\n");
    moveIntoPlace(temporary, target);
    expect(readFileSync(target, "utf8")).toBe("new\n");
    await until(() => readdirSync(folder).length === 1);
    expect(readdirSync(folder)).toEqual(["articles.ndjson"]);
  });

  it("moves a file in where there was none", () => {
    const folder = makeFolder();
    const target = join(folder, "first");
    writeFileSync(temporaryPathFor(target), "x");
    moveIntoPlace(temporaryPathFor(target), target);
    expect(readdirSync(folder)).toEqual(["first"]);
  });

  it("removes the temporary file and keeps the old one when the rename fails", () => {
    const folder = makeFolder();
    const target = join(folder, "a-folder");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "x");
    const temporary = temporaryPathFor(target);
    writeFileSync(temporary, "new");
    expect(() => moveIntoPlace(temporary, target)).toThrow();
    expect(existsSync(temporary)).toBe(false);
    expect(readdirSync(folder)).toEqual(["a-folder"]);
  });
});

describe("removeLeftovers", () => {
  it("removes the temporary and old files of processes that are gone, not those of one still running", () => {
    const folder = makeFolder();
    const target = join(folder, "build-cache.ndjson");
    const gone = 2 ** 22 + 12345; // above Linux's largest pid
    for (const name of [`build-cache.ndjson.${gone}.tmp`, `build-cache.ndjson.${gone}.old`, `build-cache.ndjson.${process.pid}.tmp`, "build-cache.ndjson", "other.1.tmp"]) {
      writeFileSync(join(folder, name), "");
    }
    removeLeftovers(target);
    expect(readdirSync(folder).sort()).toEqual(["build-cache.ndjson", `build-cache.ndjson.${process.pid}.tmp`, "other.1.tmp"]);
  });
});
