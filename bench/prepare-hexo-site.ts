import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, parse } from "node:path";
import { installHexo } from "../scripts/support/install-hexo";

// A site as `hexo init` writes it, trimmed to what generating posts and hexo-generator-feed's two feeds need.
// Twenty items a feed, hexo-generator-feed's default, as a site that publishes feeds would serve.
const CONFIG = `title: edgefeed bench
url: https://bench.example.org
timezone: Asia/Shanghai
permalink: :year/:month/:day/:title/
source_dir: source
public_dir: public
default_layout: post
feed:
  type: [atom, rss2]
  path: [atom.xml, rss2.xml]
  limit: 20
  content: true
`;

/**
 * Makes `siteFolder` a Hexo 8 site (installed by installHexo, never our dependency) whose `source/_posts` holds
 * every post of `postsFolder`, each renamed `.html` so Hexo reads it as a post with an HTML body, as our
 * build reads a `.txt` post. Removes `public/` and `db.json`, so the next `hexo generate` is cold.
 * Returns the path of Hexo's command-line script.
 */
export function prepareHexoSite(postsFolder: string, siteFolder: string, log: (line: string) => void): string {
  const hexoCommand = installHexo(siteFolder, log);
  for (const entry of ["source", "public", "db.json"]) rmSync(join(siteFolder, entry), { recursive: true, force: true });
  const posts = join(siteFolder, "source", "_posts");
  mkdirSync(posts, { recursive: true });
  for (const file of readdirSync(postsFolder)) copyFileSync(join(postsFolder, file), join(posts, `${parse(file).name}.html`));
  writeFileSync(join(siteFolder, "_config.yml"), CONFIG);
  return hexoCommand;
}
