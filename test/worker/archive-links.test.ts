import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

async function seed(count: number): Promise<void> {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(count));
}

/** The rel values of the feed-level `<link>`s of an Atom document (entries' links left out). */
function feedLinkRelations(atom: string): string[] {
  const head = atom.split("<entry>")[0]!;
  return [...head.matchAll(/<link rel="([^"]+)"/g)].map((match) => match[1]!);
}

describe("archive pages' RFC 5005 links", () => {
  it("links a scope's only archive to the open page above it, so the archive is not incomplete", async () => {
    await seed(30);
    const response = await createWorkerHarness().fetch("/atom.xml?page=1");
    expect(response.status).toBe(200);
    const atom = await response.text();
    expect(atom).toContain("<fh:archive/>");
    expect(feedLinkRelations(atom)).toEqual(["self", "alternate", "current", "next-archive"]);
    expect(atom).toContain('<link rel="next-archive" type="application/atom+xml" href="https://example.com/atom.xml?page=2"/>');
  });

  it("gives no next-archive to the newest archive when no page is above it", async () => {
    await seed(40);
    const atom = await (await createWorkerHarness().fetch("/atom.xml?page=2")).text();
    expect(feedLinkRelations(atom)).toEqual(["self", "alternate", "current", "next", "prev-archive"]);
  });

  it("changes the newest archive's ETag when an open page appears above it", async () => {
    await seed(40);
    const before = (await createWorkerHarness().fetch("/atom.xml?page=2")).headers.get("ETag");
    await seed(41);
    const after = await createWorkerHarness().fetch("/atom.xml?page=2");
    expect(await after.text()).toContain('rel="next-archive"');
    expect(after.headers.get("ETag")).not.toBe(before);
  });
});
