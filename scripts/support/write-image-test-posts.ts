import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SINA_IMAGE_ORIGIN, generatePost } from "./generate-post";
import { STAND_IN_FAILURES } from "./image-host-stand-in";
import { ROOT } from "./run-command";

/** The pictures of the formats post: every format the stand-in serves, and one with a query. */
export const IMAGE_FORMAT_PATHS = ["/cases/picture.png", "/cases/photo.jpg", "/cases/picture.webp", "/cases/animation.gif", "/cases/drawing.svg", "/cases/resized.jpg?w=640&h=480"];

/** The lead picture of the formats post (feeds' `media:content`, enclosure and JSON `image`). */
export const IMAGE_FORMAT_LEAD = "/cases/lead.webp";

/** The article id of the formats post. */
export const IMAGE_FORMATS_ARTICLE = "00000000000000cf";

/** What writeImageTestPosts writes besides seeds/. */
export interface ImageTestPosts {
  /** Generated posts (`generatePost`, seed 1). */
  generated: number;
  /** A post showing IMAGE_FORMAT_PATHS, with IMAGE_FORMAT_LEAD as its lead image. */
  formats: boolean;
  /** A post showing every STAND_IN_FAILURES path. */
  failures: boolean;
}

/**
 * Writes a folder of posts whose pictures are all on `imageOrigin` (the stand-in for Sina's host): seeds/ with
 * its Sina URLs moved there, and what `posts` asks for.
 */
export async function writeImageTestPosts(folder: string, imageOrigin: string, posts: ImageTestPosts): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(join(ROOT, "seeds"))) {
    const text = await readFile(join(ROOT, "seeds", name), "utf8");
    await writeFile(join(folder, name), text.replaceAll(SINA_IMAGE_ORIGIN, imageOrigin));
  }
  for (let index = 0; index < posts.generated; index++) {
    const post = generatePost(index, 1, imageOrigin);
    await writeFile(join(folder, post.fileName), post.text);
  }
  if (posts.formats) {
    await writeFile(join(folder, `900_${IMAGE_FORMATS_ARTICLE}.txt`), casePost("图片代理：每一种格式", imageOrigin, IMAGE_FORMAT_PATHS, IMAGE_FORMAT_LEAD, "2021-06-10 09:00:00"));
  }
  if (posts.failures) {
    await writeFile(join(folder, "901_00000000000000ce.txt"), casePost("图片代理：上游的每一种失败", imageOrigin, Object.values(STAND_IN_FAILURES), undefined, "2021-06-10 08:00:00"));
  }
}

/** A Hexo post (older than the seed, which stays the newest article, and newer than any generated post) showing each picture in a paragraph of its own. */
function casePost(title: string, imageOrigin: string, paths: readonly string[], lead: string | undefined, date: string): string {
  return [
    "---",
    `title: '${title}'`,
    "categories:",
    " - 金融",
    " - 图片",
    "author: 新浪财经",
    `date: ${date}`,
    ...(lead === undefined ? [] : [`headimg: '${imageOrigin}${lead}'`]),
    "---",
    "<div>",
    `<p>${title}。</p>`,
    ...paths.map((path) => `<p><img src="${imageOrigin}${path.replaceAll("&", "&amp;")}" alt=""></p>`),
    "</div>",
    "",
  ].join("\n");
}
