import { Worker } from "node:worker_threads";
import { PublishError } from "../../report/publish-error";
import { compileEntry } from "../../run/compile-entry";
import { typeScriptExecArgv } from "../../run/typescript-exec-argv";
import type { LocalKvStore, LocalStoreOptions } from "./create-local-store";
import type { LocalStoreAnswer, LocalStoreCall } from "./local-store-thread";

const THREAD_ENTRY = new URL("./local-store-thread.ts", import.meta.url);

/**
 * createLocalStore on a thread of its own (local-store-thread.ts), behind the same interface. Loading
 * miniflare and starting workerd take ~0.4 s of a JavaScript thread's time (its module alone ~0.25 s), which
 * `npm run build` spends while it builds: on another thread they no longer hold up the build. Values
 * cross as copies; a call's failure comes back with its message (a PublishError as one).
 */
export async function createLocalStoreInThread(options: LocalStoreOptions = {}): Promise<LocalKvStore> {
  // Compiled, as the build's worker threads are; without a compiler, the TypeScript through tsx's loader.
  const compiled = await compileEntry(THREAD_ENTRY);
  const thread = new Worker(compiled ?? THREAD_ENTRY, { workerData: options, execArgv: compiled ? [] : typeScriptExecArgv() });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let restarts = 0;
  let nextId = 0;
  let ended: Error | undefined;
  const failAll = (error: Error): void => {
    ended ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const opened = new Promise<Extract<LocalStoreAnswer, { kind: "ready" }>>((resolve, reject) => {
    thread.on("message", (answer: LocalStoreAnswer) => {
      if (answer.kind === "ready") resolve(answer);
      else if (answer.kind === "failed") reject(errorOf(answer.error));
      else {
        restarts = answer.restarts;
        const call = waiting.get(answer.id);
        waiting.delete(answer.id);
        if (answer.kind === "result") call?.resolve(answer.value);
        else call?.reject(errorOf(answer.error));
      }
    });
    thread.once("error", (error) => {
      reject(error);
      failAll(new PublishError(`the local store's thread failed: ${error.message}`));
    });
    thread.once("exit", (code) => {
      reject(new PublishError(`the local store's thread stopped (exit code ${code}) before it opened the store`));
      failAll(new PublishError(`the local store's thread stopped (exit code ${code})`));
    });
  });
  let ready: Extract<LocalStoreAnswer, { kind: "ready" }>;
  try {
    ready = await opened;
  } catch (error) {
    await thread.terminate();
    throw error;
  }
  const call = <T>(method: LocalStoreCall["method"], ...args: unknown[]): Promise<T> => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.postMessage({ id, method, args } satisfies LocalStoreCall);
    });
  };
  return {
    persistPath: ready.persistPath,
    batchLimit: ready.batchLimit,
    oneWritePerKeyPerSecond: false,
    get restarts() {
      return restarts;
    },
    get: (key) => call("get", key),
    getBytes: (key) => call("getBytes", key),
    put: (key, value) => call("put", key, value),
    delete: (key) => call("delete", key),
    putMany: (entries) => call("putMany", entries),
    deleteMany: (keys) => call("deleteMany", keys),
    list: (prefix) => call("list", prefix),
    dispose: async () => {
      try {
        await call("dispose");
      } finally {
        await thread.terminate();
      }
    },
  };
}

function errorOf(error: { name: string; message: string }): Error {
  return error.name === "PublishError" ? new PublishError(error.message) : Object.assign(new Error(error.message), { name: error.name });
}
