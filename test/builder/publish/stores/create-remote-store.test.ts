import { afterEach, describe, expect, it } from "vitest";
import { publishGeneration } from "../../../../src/builder/publish/publish-generation";
import { rollbackGeneration } from "../../../../src/builder/publish/rollback-generation";
import { createRemoteStore } from "../../../../src/builder/publish/stores/create-remote-store";
import { PublishError } from "../../../../src/builder/report/publish-error";
import { WriteLimitError } from "../../../../src/builder/report/write-limit-error";
import { CURRENT_KEY } from "../../../../src/model/keys";
import { readCurrent, readWholeGeneration } from "../generation-check";
import { manualClock, planOf } from "../publish-fixtures";
import { startBulkApiStandIn } from "./bulk-api-stand-in";
import { remoteOverStandIn, STAND_IN_TOKEN } from "./remote-over-stand-in";

const TOKEN = STAND_IN_TOKEN;
// For the tests that start a stand-in of their own; remote() stops the ones it starts.
let standIn: Awaited<ReturnType<typeof startBulkApiStandIn>> | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});
const remote = remoteOverStandIn();

/** A remote store whose every API call gets what `answer` gives for its number (no stand-in); `counter.calls` counts them. */
function storeAnswering(answer: (call: number) => { status: number; body: unknown }) {
  const counter = { calls: 0 };
  const store = createRemoteStore({
    accountId: "acc123",
    apiToken: TOKEN,
    namespaceId: "ns456",
    baseUrl: "http://127.0.0.1:9/client/v4",
    sleep: async () => {},
    fetch: async () => {
      const { status, body } = answer(counter.calls++);
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    },
  });
  return { store, counter };
}

describe("createRemoteStore", () => {
  it("publishes, republishes and rolls back through the bulk API, retrying the keys it reports unsuccessful", async () => {
    const { store, standIn, slept } = await remote({ unsuccessfulShare: 0.2, rateLimitFirst: true });
    const clock = manualClock();
    const first = planOf(0, 120);
    await publishGeneration(first, store, clock);
    expect(standIn.values.size).toBe(first.entries.length + 1);
    await readWholeGeneration(store, first.manifestHash);
    expect(slept.length).toBeGreaterThan(1); // the 429 and at least one round of unsuccessful keys

    clock.advance(5);
    const second = planOf(0, 121);
    const report = await publishGeneration(second, store, clock);
    expect(report.writes).toBeLessThanOrEqual(12);
    await readWholeGeneration(store, second.manifestHash);

    clock.advance(5);
    await rollbackGeneration(store, clock);
    expect((await readCurrent(store)).manifest).toBe(first.manifestHash);
  });

  it("sends at most 10,000 pairs per request", async () => {
    const { store, standIn } = await remote();
    const entries = Array.from({ length: 23_456 }, (_, index) => ({ key: `k${index}`, value: `v${index}` }));
    await store.putMany!(entries);
    expect(standIn.values.size).toBe(23_456);
    expect(standIn.requests.map((request) => request.pairs)).toEqual([10_000, 10_000, 3_456]);
    await store.deleteMany!(entries.map((entry) => entry.key));
    expect(standIn.values.size).toBe(0);
  });

  it("keeps each request within 100 MB", async () => {
    const { store, standIn } = await remote();
    const value = "x".repeat(24 * 1024 * 1024);
    await store.putMany!(Array.from({ length: 5 }, (_, index) => ({ key: `big${index}`, value })));
    expect(standIn.values.size).toBe(5);
    expect(standIn.requests.length).toBe(2);
    for (const request of standIn.requests) expect(request.bytes).toBeLessThanOrEqual(100_000_000);
  });

  it("gives up naming the key the API keeps refusing", async () => {
    const { store } = await remote({ alwaysFailing: new Set(["page:stubborn"]) });
    await expect(store.putMany!([{ key: "page:fine", value: "1" }, { key: "page:stubborn", value: "2" }])).rejects.toThrow(
      /did not accept 1 keys after 6 attempts, e\.g\. page:stubborn/,
    );
  });

  it.each([
    { name: "a bad token", token: "wrong", message: /HTTP 403: 10000 Authentication error/ },
    { name: "a key over 512 bytes", token: TOKEN, key: "k".repeat(513), message: /HTTP 414: 10034 key too long/ },
    { name: "a value over 25 MiB", token: TOKEN, value: "v".repeat(25 * 1024 * 1024 + 1), message: /HTTP 413: 10033 value too large for key current/ },
  ])("reports the API's error for $name without retrying", async ({ token, key, value, message }) => {
    standIn = await startBulkApiStandIn({ token: TOKEN });
    const store = createRemoteStore({ accountId: "acc123", apiToken: token, namespaceId: "ns456", baseUrl: standIn.baseUrl, sleep: async () => {} });
    await expect(store.put(key ?? "current", value ?? "{}")).rejects.toThrow(message);
    expect(standIn.requests.length).toBeLessThanOrEqual(1);
  });

  it("reads a missing key as null", async () => {
    const { store } = await remote();
    expect(await store.get(CURRENT_KEY)).toBeNull();
  });

  it("stops at the daily write limit with the pairs written before it, retrying nothing", async () => {
    // Two requests of 10,000 spend the 20,000 writes; the third is refused with 429 and code 10048.
    const { store, standIn, slept } = await remote({ dailyWriteLimit: 20_000 });
    const entries = Array.from({ length: 23_456 }, (_, index) => ({ key: `k${index}`, value: `v${index}` }));
    const error = await store.putMany!(entries).then(
      () => expect.unreachable("the limit should stop the write"),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(WriteLimitError);
    expect(error).toMatchObject({ reason: "daily-limit", written: 20_000 });
    expect((error as Error).message).toBe(
      "Cloudflare refused further KV writes: the account's daily KV limit is reached (10048 your account has reached the free usage limit for this operation for today). " +
        "20000 values were written before the stop and the refused batch was not retried; the rest can be written after the limit resets at 00:00 UTC",
    );
    expect(standIn.requests.map((request) => [request.pairs, request.refused])).toEqual([
      [10_000, undefined],
      [10_000, undefined],
      [3_456, "daily-limit"],
    ]);
    expect(slept).toEqual([]);
    expect(standIn.values.size).toBe(20_000);
    expect(standIn.values.has("k20000")).toBe(false);
  });

  it("counts bulk deletes against the daily write limit, as Cloudflare bills them", async () => {
    const { store, standIn } = await remote({ dailyWriteLimit: 10 });
    await store.putMany!(Array.from({ length: 6 }, (_, index) => ({ key: `k${index}`, value: "v" })));
    await store.deleteMany!(["k0", "k1", "k2", "k3"]);
    expect(standIn.billedWrites).toBe(10);
    await expect(store.put("k9", "v")).rejects.toMatchObject({ reason: "daily-limit", written: 0 });
    await expect(store.deleteMany!(["k4"])).rejects.toMatchObject({ reason: "daily-limit", written: 0 });
    expect([...standIn.values.keys()]).toEqual(["k4", "k5"]);
    expect(standIn.requests.length).toBe(4);
  });

  it.each([
    {
      name: "code 10048 with the count of a part written",
      body: { success: false, errors: [{ code: 10048, message: "your account has reached the free usage limit for this operation for today" }], result: { successful_key_count: 3, unsuccessful_keys: [] } },
      written: 3,
      message: /\(10048 your account has reached the free usage limit for this operation for today; the API reported 3 of the refused request's 10 written\)\. 3 values were written/,
    },
    {
      name: "the Workers binding's wording without a code",
      body: { success: false, errors: [{ message: "KV put() limit exceeded for the day." }], result: null },
      written: 0,
      message: /\(KV put\(\) limit exceeded for the day\.\)\. 0 values were written/,
    },
  ])("recognises a daily-limit answer given as $name", async ({ body, written, message }) => {
    const { store, counter } = storeAnswering(() => ({ status: 429, body }));
    const entries = Array.from({ length: 10 }, (_, index) => ({ key: `k${index}`, value: "v" }));
    const error = await store.putMany!(entries).then(
      () => expect.unreachable("the limit should stop the write"),
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ reason: "daily-limit", written });
    expect((error as Error).message).toMatch(message);
    expect(counter.calls).toBe(1);
  });

  it("reports a spent daily limit on a read without retrying it, and still retries an ordinary 429", async () => {
    const answers = [
      { status: 429, body: { success: false, errors: [{ code: 10429, message: "too many requests" }], result: null } },
      { status: 429, body: { success: false, errors: [{ code: 10048, message: "your account has reached the free usage limit for this operation for today" }], result: null } },
    ];
    const { store, counter } = storeAnswering((call) => answers[Math.min(call, answers.length - 1)]!);
    const error = await store.get(CURRENT_KEY).then(
      () => expect.unreachable("the limit should stop the read"),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PublishError);
    expect(error).not.toBeInstanceOf(WriteLimitError);
    expect((error as Error).message).toMatch(/daily KV limit for this operation is reached \(10048 your account has reached/);
    expect(counter.calls).toBe(2); // the ordinary 429 once more, the 10048 never
  });

  it("lists every key under a prefix across pages of 1,000, in KV's order", async () => {
    const { store, standIn } = await remote();
    const pages = Array.from({ length: 2_345 }, (_, index) => ({ key: `page:${String(index).padStart(5, "0")}`, value: "v" }));
    await store.putMany!([...pages, ...Array.from({ length: 10 }, (_, index) => ({ key: `other:${index}`, value: "v" }))]);
    standIn.requests.length = 0;

    expect(await store.list!("page:")).toEqual(pages.map((entry) => entry.key));
    expect(standIn.requests.map((request) => [request.path, request.pairs])).toEqual([
      ["keys", 1_000],
      ["keys", 1_000],
      ["keys", 345],
    ]);
    expect((await store.list!("")).length).toBe(2_355);
    expect(await store.list!("missing:")).toEqual([]);
  });

  it("answers a key list in the real API's envelope", async () => {
    const { standIn } = await remote();
    standIn.values.set("a", "1");
    standIn.values.set("b", "2");
    const response = await fetch(`${standIn.baseUrl}/accounts/acc123/storage/kv/namespaces/ns456/keys?prefix=&limit=10`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await response.json()).toEqual({ success: true, errors: [], messages: [], result: [{ name: "a" }, { name: "b" }], result_info: { count: 2, cursor: "" } });
  });
});
