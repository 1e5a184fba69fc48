import { randomBytes } from "node:crypto";
import { appendFile, readFile } from "node:fs/promises";

/**
 * Gives the `.dev.vars` at `path` a random IMAGE_PROXY_SECRET when it names none (creating the file if need
 * be) and says whether it wrote one. Never changes a secret that is there; an empty one
 * (`IMAGE_PROXY_SECRET=`) is there too, and keeps the proxy off on purpose.
 */
export async function ensureDevSecret(path: string): Promise<boolean> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (/^\s*IMAGE_PROXY_SECRET\s*=/m.test(text)) return false;
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  const comment = "# The image proxy's key under `wrangler dev` (written by npm start); deployed, it is a wrangler secret.";
  await appendFile(path, `${separator}${comment}\nIMAGE_PROXY_SECRET=${randomBytes(32).toString("hex")}\n`);
  return true;
}
