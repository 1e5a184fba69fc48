import { afterEach, describe, expect, it } from "vitest";
import { hubPingStyle } from "../../../src/builder/websub/hub-ping-style";
import { pingHub } from "../../../src/builder/websub/ping-hub";
import { type HubStandIn, type HubStandInOptions, startWebsubHubStandIn } from "../../../scripts/support/websub-hub-stand-in";

let hub: HubStandIn | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

async function standIn(options: HubStandInOptions = {}): Promise<HubStandIn> {
  hub = await startWebsubHubStandIn({ fetchFeeds: false, ...options });
  return hub;
}

const feeds = (count: number) => Array.from({ length: count }, (_, index) => `https://news.example.com/tags/t${index}/feed.xml`);
const noWait = { sleep: async () => {}, retryDelayMilliseconds: 1 };
const GOOGLE = hubPingStyle("https://pubsubhubbub.appspot.com/");
const SUPERFEEDR = hubPingStyle("https://news.superfeedr.com/");

describe("hubPingStyle", () => {
  it.each([
    ["https://pubsubhubbub.appspot.com/", 100],
    ["https://news.superfeedr.com/", 100],
    ["https://websub.rocks/hub/100", 1],
    ["http://localhost:8080/hub", 1],
  ])("sends %s %i feed URLs a request", (url, count) => {
    expect(hubPingStyle(url).urlsPerRequest).toBe(count);
  });

  it("names the URLs as each hub reads several: hub.url repeated for Google's, hub.url[] for Superfeedr", () => {
    expect(GOOGLE.body(["https://a/1", "https://a/2"]).toString()).toBe("hub.mode=publish&hub.url=https%3A%2F%2Fa%2F1&hub.url=https%3A%2F%2Fa%2F2");
    expect(SUPERFEEDR.body(["https://a/1", "https://a/2"]).toString()).toBe("hub.mode=publish&hub.url%5B%5D=https%3A%2F%2Fa%2F1&hub.url%5B%5D=https%3A%2F%2Fa%2F2");
  });
});

describe("pingHub", () => {
  it("pings a hub that takes one URL a request with one request per feed, form-encoded, and the hub takes each", async () => {
    const hub = await standIn();
    const result = await pingHub(hub.url, feeds(5), noWait);
    expect(result).toMatchObject({ pinged: feeds(5), failed: [], requests: 5 });
    expect(hub.pings.map((ping) => ping.status)).toEqual([204, 204, 204, 204, 204]);
    expect(hub.pings.flatMap((ping) => ping.urls).sort()).toEqual(feeds(5).sort());
  });

  it("batches 100 URLs a request for a hub that takes hub.url repeated, as Google's does", async () => {
    const hub = await standIn({ accepts: "repeated", status: 202 });
    const result = await pingHub(hub.url, feeds(250), { ...noWait, style: GOOGLE });
    expect(result.failed).toEqual([]);
    expect(result.requests).toBe(3);
    expect(hub.pings.map((ping) => ping.urls.length).sort()).toEqual([100, 100, 50]);
    expect(hub.pings.flatMap((ping) => ping.urls).sort()).toEqual(feeds(250).sort());
  });

  it("batches with hub.url[] for a hub that takes that form, as Superfeedr does", async () => {
    const hub = await standIn({ accepts: "array" });
    const result = await pingHub(hub.url, feeds(3), { ...noWait, style: SUPERFEEDR });
    expect(result).toMatchObject({ pinged: feeds(3), requests: 1 });
  });

  it("retries a 503 and a 429, and the hub takes the ping the third time", async () => {
    const hub = await standIn();
    hub.failNext(1, 503);
    const slept: number[] = [];
    const first = await pingHub(hub.url, feeds(1), { retryDelayMilliseconds: 10, sleep: async (ms) => void slept.push(ms) });
    expect(first).toMatchObject({ pinged: feeds(1), failed: [], requests: 2 });
    hub.failNext(2, 429);
    const second = await pingHub(hub.url, feeds(1), { retryDelayMilliseconds: 10, sleep: async (ms) => void slept.push(ms) });
    expect(second).toMatchObject({ pinged: feeds(1), failed: [], requests: 3 });
    // 429 came with Retry-After: 1, longer than the doubling delay.
    expect(slept).toEqual([10, 1000, 1000]);
    expect(hub.pings.map((ping) => ping.status)).toEqual([503, 204, 429, 429, 204]);
  });

  it("retries a hub that does not answer within the timeout", async () => {
    const hub = await standIn();
    hub.hangNext(1);
    const result = await pingHub(hub.url, feeds(1), { ...noWait, timeoutMilliseconds: 300 });
    expect(result).toMatchObject({ pinged: feeds(1), failed: [], requests: 2 });
  });

  it("gives up after three attempts, says why, and sends no more batches to a hub that is down", async () => {
    const hub = await standIn();
    hub.failNext(100, 502);
    const result = await pingHub(hub.url, feeds(4), { ...noWait, concurrency: 1 });
    expect(result.pinged).toEqual([]);
    expect(result.requests).toBe(3);
    expect(result.failed[0]).toEqual({ urls: [feeds(4)[0]], reason: "the hub answered 502: failing on purpose with 502 (3 attempts)" });
    expect(result.failed.slice(1).map((failure) => failure.reason)).toEqual(Array(3).fill("not sent: the hub failed an earlier batch: the hub answered 502: failing on purpose with 502 (3 attempts)"));
  });

  it("reports a hub that never answers, after its timeouts", async () => {
    const hub = await standIn();
    hub.hangNext(3);
    const result = await pingHub(hub.url, feeds(1), { ...noWait, timeoutMilliseconds: 200 });
    expect(result.failed).toEqual([{ urls: feeds(1), reason: "no answer within 0.2 s (3 attempts)" }]);
  });

  it("does not retry a ping the hub refused with a 4xx, and gives the hub's reason", async () => {
    const hub = await standIn();
    // A hub that reads one hub.url refuses several: the publisher must not batch for it.
    const result = await pingHub(hub.url, feeds(2), { ...noWait, style: GOOGLE });
    expect(result.requests).toBe(1);
    expect(result.failed).toEqual([{ urls: feeds(2), reason: "the hub refused the ping with 400: one hub.url per request, got 2" }]);
  });

  it("reports a hub it cannot reach", async () => {
    const hub = await standIn();
    const url = hub.url;
    await hub.stop();
    const result = await pingHub(url, feeds(1), noWait);
    expect(result.failed[0]!.reason).toMatch(/^cannot reach the hub \(ECONNREFUSED\) \(3 attempts\)$/);
  });
});
