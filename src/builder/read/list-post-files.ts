import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** File endings of Markdown posts (Hexo's own), whose body is rendered from Markdown. */
export const MARKDOWN_EXTENSIONS = [".md", ".markdown"];

/** File endings the build reads as posts: Hexo's Markdown, and the scraper's text and HTML files, whose body is HTML. */
export const POST_EXTENSIONS = [...MARKDOWN_EXTENSIONS, ".txt", ".html", ".htm"];

/** Whether a post file's body is Markdown (by its ending, as Hexo picks a renderer). */
export function isMarkdownFile(path: string): boolean {
  const lower = path.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Lists the post files under a folder, recursively, sorted; hidden files and folders are skipped. */
export async function listPostFiles(directory: string): Promise<string[]> {
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`${directory}: not a folder of posts`);
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && POST_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) found.push(path);
    }
  };
  await walk(directory);
  return found.sort();
}
