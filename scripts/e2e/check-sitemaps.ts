import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, runCommand } from "../support/run-command";

const SCHEMAS = join(ROOT, "test", "fixtures", "schemas");

/**
 * Checks a running site's `/robots.txt` and `/sitemap.xml` (and every sitemap an index lists) the way a
 * search engine reads them: robots.txt names the sitemap by its absolute URL, each file validates against
 * the sitemaps.org schema with xmllint, every URL is on the site's origin, and the article URLs are
 * `expectedArticles` distinct ones. Returns the problems, each naming its URL; none when all is well.
 */
export async function checkSitemaps(origin: string, folder: string, expectedArticles: number | undefined): Promise<string[]> {
  const problems: string[] = [];
  const robots = await fetch(`${origin}/robots.txt`);
  const robotsText = await robots.text();
  if (robots.status !== 200 || !robotsText.split("\n").includes(`Sitemap: ${origin}/sitemap.xml`)) problems.push(`${origin}/robots.txt: does not name ${origin}/sitemap.xml (status ${robots.status})`);

  const locations: string[] = [];
  let fileNumber = 0;
  const check = async (url: string): Promise<void> => {
    const response = await fetch(url);
    const body = await response.text();
    if (response.status !== 200) return void problems.push(`${url}: status ${response.status}`);
    const isIndex = body.includes("<sitemapindex");
    const file = join(folder, `sitemap-${++fileNumber}.xml`);
    await writeFile(file, body);
    const lint = await runCommand("xmllint", ["--noout", "--schema", join(SCHEMAS, isIndex ? "siteindex.xsd" : "sitemap.xsd"), file], { timeoutMilliseconds: 60_000 });
    if (lint.code !== 0) problems.push(`${url}: xmllint: ${lint.output.trim().split("\n").slice(0, 3).join("; ")}`);
    const locs = [...body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    for (const loc of locs) if (!loc.startsWith(`${origin}/`)) problems.push(`${url}: lists ${loc}, not on ${origin}`);
    if (isIndex) for (const loc of locs) await check(loc);
    else locations.push(...locs);
  };
  await check(`${origin}/sitemap.xml`);
  const articles = new Set(locations.filter((loc) => loc.startsWith(`${origin}/articles/`)));
  if (!locations.includes(`${origin}/`)) problems.push(`${origin}/sitemap.xml: does not list the home page`);
  if (articles.size !== locations.filter((loc) => loc.startsWith(`${origin}/articles/`)).length) problems.push(`${origin}/sitemap.xml: lists an article twice`);
  if (expectedArticles !== undefined && articles.size !== expectedArticles) problems.push(`${origin}/sitemap.xml: lists ${articles.size} articles, expected ${expectedArticles}`);
  console.log(`sitemaps: ${fileNumber} files, ${locations.length} URLs (${articles.size} articles)`);
  return problems;
}
