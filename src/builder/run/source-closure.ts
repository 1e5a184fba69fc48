import { readFileSync, statSync } from "node:fs";
import { dirname, extname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** `import … from "./x"`, `export … from "../y"`, `import("./z")`: the relative specifiers of a source file. */
const RELATIVE_SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * Every source file `entry` runs, itself included: the files its relative imports reach, transitively, in a
 * fixed order with their bytes. Packages are left out (their versions are fingerprinted apart). So a
 * fingerprint over it changes with exactly the code that entry depends on, and editing anything else
 * (the progress bar, the publisher, a test) leaves it as it is.
 */
export async function readSourceClosure(entry: URL): Promise<{ path: string; bytes: Buffer }[]> {
  const start = fileURLToPath(entry);
  const extension = extname(start);
  const found = new Map<string, Buffer>();
  const pending = [start];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (found.has(path)) continue;
    // Read one after another without awaiting each: a hundred small files cost less than their promises.
    const bytes = readFileSync(path);
    found.set(path, bytes);
    for (const match of bytes.toString("utf8").matchAll(RELATIVE_SPECIFIER)) {
      const target = resolveModule(resolve(dirname(path), match[1]!), extension);
      // One that names no file (a specifier in a comment, say) still goes in, as its name: never a crash.
      if (target === undefined) found.set(`${resolve(dirname(path), match[1]!)} (unresolved)`, Buffer.alloc(0));
      else pending.push(target);
    }
  }
  // Named relative to the entry's folder, so the same code fingerprints the same in any checkout.
  return [...found.keys()].sort().map((path) => ({ path: relative(dirname(start), path), bytes: found.get(path)! }));
}

/** The file a specifier names, as the bundler resolves it: `x` → `x.ts`, `x.js` → `x.ts`, a folder → its index; undefined when none exists. */
function resolveModule(base: string, extension: string): string | undefined {
  const candidates = [`${base}${extension}`, base.replace(/\.js$/, extension), base, `${base}/index${extension}`];
  return candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile() === true);
}
