import { afterEach, describe, expect, it } from "vitest";
import { publishGeneration } from "../../../../src/builder/publish/publish-generation";
import { rollbackGeneration } from "../../../../src/builder/publish/rollback-generation";
import { createRemoteStore } from "../../../../src/builder/publish/stores/create-remote-store";
import { CURRENT_KEY } from "../../../../src/model/keys";
import { readCurrent, readWholeGeneration } from "../generation-check";
import { manualClock, planOf } from "../publish-fixtures";
import { startBulkApiStandIn, type StandInOptions } from "./bulk-api-stand-in";

const TOKEN = "test-token";
let standIn: Awaited<ReturnType<typeof startBulkApiStandIn>> | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function remote(options: Partial<StandInOptions> = {}) {
  standIn = await startBulkApiStandIn({ token: TOKEN, ...options });
  const slept: number[] = [];
  const store = createRemoteStore({
    accountId: "acc123",
    apiToken: TOKEN,
    namespaceId: "ns456",
    baseUrl: standIn.baseUrl,
    sleep: async (milliseconds) => void slept.push(milliseconds),
  });
  return { store, standIn, slept };
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
});
