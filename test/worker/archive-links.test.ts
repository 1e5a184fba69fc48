import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clearKv, type SeededGeneration, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

async function seed(count: number): Promise<SeededGeneration> {
  await clearKv(env.FEEDS);
  return seedKv(env.FEEDS, siteArticles(count));
}

/** The rel values of the feed-level `<link>`s of an Atom document (entries' links left out). */
function feedLinkRelations(atom: string): string[] {
  const head = atom.split("<entry>")[0]!;
  return [...head.matchAll(/<link rel="([^"]+)"/g)].map((match) => match[1]!);
}

describe("archive pages' RFC 5005 links", () => {
  it("links a scope's only archive to the open page above it, so the archive is not incomplete", async () => {
    // 70 articles: pages of 61 (the archive) and 9 (the open page).
    const { plan } = await seed(70);
    const site = plan.manifest.scopes["/"]!;
    expect(site.archives).toHaveLength(1);
    const response = await createWorkerHarness().fetch(`/atom.xml?page=${site.archives[0]![0]}`);
    expect(response.status).toBe(200);
    const atom = await response.text();
    expect(atom).toContain("<fh:archive/>");
    expect(feedLinkRelations(atom)).toEqual(["self", "alternate", "current", "next-archive"]);
    expect(atom).toContain(`<link rel="next-archive" type="application/atom+xml" href="https://example.com/atom.xml?page=${site.open!.name}"/>`);
  });

  it("gives every archive a next-archive, the newest the open page, and all but the oldest a prev-archive", async () => {
    const { plan } = await seed(200);
    const site = plan.manifest.scopes["/"]!;
    const names = [...site.archives.map((archive) => archive[0]), site.open!.name];
    for (let index = 0; index < site.archives.length; index++) {
      const atom = await (await createWorkerHarness().fetch(`/atom.xml?page=${names[index]}`)).text();
      expect(feedLinkRelations(atom)).toEqual(index === 0 ? ["self", "alternate", "current", "next-archive"] : ["self", "alternate", "current", "next", "prev-archive", "next-archive"]);
      expect(atom).toContain(`rel="next-archive" type="application/atom+xml" href="https://example.com/atom.xml?page=${names[index + 1]}"`);
    }
  });

  it("keeps a page's URL when it stops being the open page, which then becomes an archive with a new ETag", async () => {
    // 61 articles are one open page (the 61st may end a page); the 62nd starts a new page, and the 61 become an archive.
    const before = (await seed(61)).plan.manifest.scopes["/"]!;
    expect(before.archives).toHaveLength(0);
    const url = `/atom.xml?page=${before.open!.name}`;
    const open = await createWorkerHarness().fetch(url);
    expect(await open.text()).not.toContain("<fh:archive/>");
    const after = (await seed(62)).plan.manifest.scopes["/"]!;
    expect(after.archives[0]![0]).toBe(before.open!.name);
    const archive = await createWorkerHarness().fetch(url);
    const atom = await archive.text();
    expect(atom).toContain("<fh:archive/>");
    expect(atom).toContain(`rel="next-archive" type="application/atom+xml" href="https://example.com/atom.xml?page=${after.open!.name}"`);
    expect(archive.headers.get("ETag")).not.toBe(open.headers.get("ETag"));
  });
});
