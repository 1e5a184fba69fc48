import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createKeptAnswers } from "../../src/worker/http/kept-answers";
import { createResponseMemory } from "../../src/worker/http/response-memory";
import { CURRENT_MEMORY_MILLISECONDS } from "../../src/worker/store/current-memory";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const URL_A = "https://example.com/feed.xml";

function response(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "Content-Type": "application/rss+xml", ETag: '"e1"', Vary: "Sec-Fetch-Dest" } });
}

describe("createKeptAnswers", () => {
  it("answers a GET it kept with the same status, headers and bytes", async () => {
    const answers = createKeptAnswers(createResponseMemory());
    const kept = response("<rss/>");
    await answers.keep(new Request(URL_A), "m1", "s1", kept);
    const answer = answers.answer(new Request(URL_A), "m1", "s1")!;
    expect(answer.status).toBe(200);
    expect([...answer.headers]).toEqual([...kept.headers]);
    expect(await answer.text()).toBe("<rss/>");
    // The kept response is still whole for the caller that returns it.
    expect(await kept.text()).toBe("<rss/>");
  });

  it("answers nothing for another URL, generation, setting or view", async () => {
    const answers = createKeptAnswers(createResponseMemory());
    await answers.keep(new Request(URL_A), "m1", "s1", response("<rss/>"));
    expect(answers.answer(new Request("https://example.com/atom.xml"), "m1", "s1")).toBeUndefined();
    expect(answers.answer(new Request(`${URL_A}?limit=5`), "m1", "s1")).toBeUndefined();
    expect(answers.answer(new Request(URL_A), "m2", "s1")).toBeUndefined();
    expect(answers.answer(new Request(URL_A), "m1", "s2")).toBeUndefined();
    expect(answers.answer(new Request(URL_A, { headers: { "Sec-Fetch-Dest": "document" } }), "m1", "s1")).toBeUndefined();
    expect(answers.answer(new Request(URL_A, { headers: { "Sec-Fetch-Dest": "empty" } }), "m1", "s1")).toBeDefined();
  });

  it("leaves conditional requests and other methods to the routes", async () => {
    const answers = createKeptAnswers(createResponseMemory());
    await answers.keep(new Request(URL_A), "m1", "s1", response("<rss/>"));
    expect(answers.answer(new Request(URL_A, { headers: { "If-None-Match": '"e1"' } }), "m1", "s1")).toBeUndefined();
    expect(answers.answer(new Request(URL_A, { headers: { "If-Modified-Since": "Tue, 01 Jun 2021 00:45:00 GMT" } }), "m1", "s1")).toBeUndefined();
    expect(answers.answer(new Request(URL_A, { method: "POST", body: "x" }), "m1", "s1")).toBeUndefined();
  });

  it("answers a HEAD from a kept GET without a body, and keeps neither a HEAD's answer nor one that is not 200", async () => {
    const answers = createKeptAnswers(createResponseMemory());
    expect(answers.keep(new Request(URL_A, { method: "HEAD" }), "m1", "s1", response(""))).toBeUndefined();
    expect(answers.keep(new Request(URL_A), "m1", "s1", response("gone", 404))).toBeUndefined();
    expect(answers.answer(new Request(URL_A), "m1", "s1")).toBeUndefined();
    await answers.keep(new Request(URL_A), "m1", "s1", response("<rss/>"));
    const head = answers.answer(new Request(URL_A, { method: "HEAD" }), "m1", "s1")!;
    expect(head.headers.get("ETag")).toBe('"e1"');
    expect(head.body).toBeNull();
  });
});

describe("the Worker with kept answers", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, siteArticles(60));
  });

  const requests: [string, RequestInit][] = [
    ["/feed.xml", {}],
    ["/atom.xml", {}],
    ["/feed.json?limit=5", {}],
    ["/feed.xml", { method: "HEAD" }],
    ["/feed.xml", { headers: { "Sec-Fetch-Dest": "document" } }],
    ["/feed.xml?filter=a", {}],
  ];

  it("answers a repeated request exactly as the routes do, header for header and byte for byte", async () => {
    const routed = createWorkerHarness({ memory: true });
    const kept = createWorkerHarness({ memory: true, answers: true });
    for (const round of [1, 2, 3]) {
      for (const [path, init] of requests) {
        const [expected, actual] = [await routed.fetch(path, init), await kept.fetch(path, init)];
        const describe = `${init.method ?? "GET"} ${path} ${JSON.stringify(init.headers ?? {})}, round ${round}`;
        expect(actual.status, describe).toBe(expected.status);
        const headersOf = (response: Response) => [...response.headers].sort(([a], [b]) => a.localeCompare(b));
        expect(headersOf(actual), describe).toEqual(headersOf(expected));
        expect(await actual.text(), describe).toBe(await expected.text());
      }
      // The first round's GETs are routed (the HEAD after a GET of its URL is already kept), every later one not.
      expect(kept.keptAnswers).toHaveLength(round === 1 ? 1 : requests.length);
      kept.reset();
    }
    expect(routed.keptAnswers).toEqual([]);
  });

  it("serves a kept answer while current is kept, and the new generation once it is read again", async () => {
    const harness = createWorkerHarness({ memory: true, answers: true });
    const before = await (await harness.fetch("/feed.xml")).text();
    await harness.fetch("/feed.xml");
    expect(harness.keptAnswers).toEqual(["https://example.com/feed.xml"]);
    await seedKv(env.FEEDS, siteArticles(61), 2);
    // Within the pointer's time to live the isolate has not seen the publish yet, as without kept answers.
    expect(await (await harness.fetch("/feed.xml")).text()).toBe(before);
    harness.advance(CURRENT_MEMORY_MILLISECONDS);
    const after = await (await harness.fetch("/feed.xml")).text();
    expect(after).not.toBe(before);
    expect(after).toContain("a0061");
    harness.reset();
    expect(await (await harness.fetch("/feed.xml")).text()).toBe(after);
    expect(harness.keptAnswers).toEqual(["https://example.com/feed.xml"]);
  });

  it("still answers a conditional request with 304", async () => {
    const harness = createWorkerHarness({ memory: true, answers: true });
    const first = await harness.fetch("/feed.xml");
    await harness.fetch("/feed.xml");
    const conditional = await harness.fetch("/feed.xml", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe("");
  });
});
