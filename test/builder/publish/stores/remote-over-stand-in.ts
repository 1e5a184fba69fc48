import { afterEach } from "vitest";
import { createRemoteStore } from "../../../../src/builder/publish/stores/create-remote-store";
import type { KvStore } from "../../../../src/builder/publish/stores/kv-store";
import { startBulkApiStandIn, type StandInOptions } from "./bulk-api-stand-in";

/** The token the stand-in takes. */
export const STAND_IN_TOKEN = "test-token";

type StandIn = Awaited<ReturnType<typeof startBulkApiStandIn>>;

/**
 * For a test file: a function that starts a bulk-API stand-in and gives a remote store over it (recording the
 * store's sleeps instead of sleeping), and an afterEach that stops the stand-in each test started.
 */
export function remoteOverStandIn(): (options?: Partial<StandInOptions>) => Promise<{ store: KvStore; standIn: StandIn; slept: number[] }> {
  let started: StandIn | undefined;
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });
  return async (options = {}) => {
    const standIn = await startBulkApiStandIn({ token: STAND_IN_TOKEN, ...options });
    started = standIn;
    const slept: number[] = [];
    const store = createRemoteStore({
      accountId: "acc123",
      apiToken: STAND_IN_TOKEN,
      namespaceId: "ns456",
      baseUrl: standIn.baseUrl,
      sleep: async (milliseconds) => void slept.push(milliseconds),
    });
    return { store, standIn, slept };
  };
}
