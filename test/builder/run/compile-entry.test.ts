import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compileEntry } from "../../../src/builder/run/compile-entry";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-compile-entry-");

/** An entry that imports a module beside it, both TypeScript, and a folder for the compiled versions. */
function makeEntry(value: string): { folder: string; entry: URL; compiled: URL } {
  const folder = makeFolder();
  writeFileSync(join(folder, "value.ts"), `export const value: string = ${JSON.stringify(value)};\n`);
  writeFileSync(join(folder, "entry.ts"), 'import { value } from "./value";\nexport const seen: string = value;\nexport const url: string = import.meta.url;\n');
  return { folder, entry: pathToFileURL(join(folder, "entry.ts")), compiled: pathToFileURL(join(makeFolder(), "compiled/")) };
}

describe("compileEntry", () => {
  it("compiles an entry and what it imports into JavaScript that runs as the source does, each module keeping its own import.meta.url", async () => {
    const { entry, compiled } = makeEntry("first");
    const output = await compileEntry(entry, compiled);
    expect(output?.pathname.endsWith("/entry.js")).toBe(true);
    const module = (await import(output!.href)) as { seen: string; url: string };
    expect(module).toMatchObject({ seen: "first", url: entry.href });
  });

  it("gives the same compile while no source changes, and a new one, running the new source, once an imported file does", async () => {
    const { folder, entry, compiled } = makeEntry("first");
    const first = await compileEntry(entry, compiled);
    expect(await compileEntry(entry, compiled)).toEqual(first);
    writeFileSync(join(folder, "value.ts"), 'export const value: string = "second";\n');
    const second = await compileEntry(entry, compiled);
    expect(second).not.toEqual(first);
    expect(((await import(second!.href)) as { seen: string }).seen).toBe("second");
    // The first version stays for a while: a run started on it may still load its chunks.
    expect(readdirSync(new URL(".", compiled)).filter((name) => name.startsWith("entry-"))).toHaveLength(2);
  });

  it("says it cannot compile an entry that does not compile, so the caller runs the source instead", async () => {
    const { folder, entry, compiled } = makeEntry("first");
    writeFileSync(join(folder, "value.ts"), "export const value: string = ;\n");
    expect(await compileEntry(entry, compiled)).toBeUndefined();
  });
});
