import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";

/** What a project folder must not share with the repository: each build's own output and local store, and the bench's. */
const OWN = new Set([".build", ".wrangler", "bench-out", ".git"]);

/**
 * Makes `folder` a stand-in for the repository: a symbolic link to each of its top-level entries but its
 * build output (.build/), its local KV (.wrangler/), bench-out/ and .git. `npm run build` run there is the
 * command a user types (package.json's script, node_modules/.bin, wrangler.toml), but its build cache and
 * articles go to `folder`/.build, so the bench can time a first build without touching the developer's.
 */
export function linkProjectFolder(repository: string, folder: string): void {
  if (existsSync(folder)) throw new Error(`${folder} exists: a project folder is made fresh`);
  mkdirSync(folder, { recursive: true });
  for (const entry of readdirSync(repository)) {
    if (!OWN.has(entry)) symlinkSync(resolve(repository, entry), join(folder, entry));
  }
}
