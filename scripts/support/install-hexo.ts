import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolEnvironment } from "./run-command";

/** The Hexo packages the comparisons install (a user's site with hexo-generator-feed); never our dependencies. */
export const HEXO_PACKAGES = { hexo: "^8.1.0", "hexo-generator-feed": "^3.0.0", "hexo-renderer-marked": "^7.0.0" };

// Only the dependencies say what is installed: `hexo generate` rewrites the `hexo.version` key to the exact
// version that ran, so comparing the whole file reinstalled Hexo on every run.
function installedDependenciesAre(packageFile: string, dependencies: string): boolean {
  if (!existsSync(packageFile)) return false;
  return JSON.stringify((JSON.parse(readFileSync(packageFile, "utf8")) as { dependencies?: unknown }).dependencies) === dependencies;
}

/**
 * Makes `siteFolder` a Hexo site folder with Hexo 8, hexo-generator-feed 3 and hexo-renderer-marked 7 installed
 * from the npm registry, as a user installs them; installs only when they are missing or the package list
 * changed. Returns the path of Hexo's command-line script inside it.
 */
export function installHexo(siteFolder: string, log: (line: string) => void): string {
  // Hexo finds a site by its package.json's `hexo` key, and loads the plugins its dependencies name.
  const packageJson = JSON.stringify({ name: "hexo-compare", private: true, hexo: { version: "8" }, dependencies: HEXO_PACKAGES }, null, 2);
  const packageFile = join(siteFolder, "package.json");
  if (!existsSync(join(siteFolder, "node_modules", "hexo")) || !installedDependenciesAre(packageFile, JSON.stringify(HEXO_PACKAGES))) {
    rmSync(siteFolder, { recursive: true, force: true });
    mkdirSync(siteFolder, { recursive: true });
    writeFileSync(packageFile, packageJson);
    log(`installing Hexo 8 and hexo-generator-feed 3 into ${siteFolder} (once)`);
    const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: siteFolder, env: toolEnvironment(), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`npm install failed in ${siteFolder}:\n${result.stdout}${result.stderr}`);
  }
  return join(siteFolder, "node_modules", "hexo", "bin", "hexo");
}
