// The entry of the thread createLocalStoreInThread starts: opens the local store (createLocalStore) with the
// options it is given, says when it is ready, then runs each call its parent sends and answers it.
import { parentPort, workerData } from "node:worker_threads";
import { createLocalStore, type LocalKvStore, type LocalStoreOptions } from "./create-local-store";

/** One call of a LocalKvStore method, by the parent. */
export interface LocalStoreCall {
  id: number;
  method: "get" | "getBytes" | "put" | "delete" | "putMany" | "deleteMany" | "list" | "dispose";
  args: unknown[];
}

/** The thread's answers: that the store is open (or why not), then each call's result or failure, with the restarts so far. */
export type LocalStoreAnswer =
  | { kind: "ready"; persistPath: string; batchLimit: LocalKvStore["batchLimit"] }
  | { kind: "failed"; error: { name: string; message: string } }
  | { kind: "result"; id: number; value: unknown; restarts: number }
  | { kind: "error"; id: number; error: { name: string; message: string }; restarts: number };

const describe = (error: unknown): { name: string; message: string } =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: "Error", message: String(error) };

if (parentPort) {
  const port = parentPort;
  let store: LocalKvStore;
  try {
    store = await createLocalStore(workerData as LocalStoreOptions);
  } catch (error) {
    port.postMessage({ kind: "failed", error: describe(error) } satisfies LocalStoreAnswer);
    process.exit(0);
  }
  port.postMessage({ kind: "ready", persistPath: store.persistPath, batchLimit: store.batchLimit } satisfies LocalStoreAnswer);
  port.on("message", (call: LocalStoreCall) => {
    const method = store[call.method] as (...args: unknown[]) => Promise<unknown>;
    method.apply(store, call.args).then(
      (value) => {
        port.postMessage({ kind: "result", id: call.id, value, restarts: store.restarts } satisfies LocalStoreAnswer);
        // The parent ends the thread once it has the answer to dispose.
      },
      (error: unknown) => port.postMessage({ kind: "error", id: call.id, error: describe(error), restarts: store.restarts } satisfies LocalStoreAnswer),
    );
  });
}
