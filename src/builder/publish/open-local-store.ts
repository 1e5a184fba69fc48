import { join } from "node:path";
import type { LocalKvStore } from "./stores/create-local-store";
import { createLocalStoreInThread } from "./stores/create-local-store-in-thread";

/**
 * Opens the local store `publishToLocalStore` writes (`persistTo` as `wrangler dev --persist-to DIR` takes it;
 * default `.wrangler/state`), on a thread of its own: loading miniflare and starting workerd (~0.4 s) then take
 * none of the build's thread. `npm run build` opens it first of all, so that it is ready by the time the
 * build is done. Its own module, so a command can start it before loading anything else.
 */
export function openLocalStore(persistTo: string | undefined): Promise<LocalKvStore> {
  // The same meaning as `npm run publish -- --persist-to DIR`: wrangler keeps its state in DIR/v3.
  return createLocalStoreInThread(persistTo === undefined ? {} : { persistPath: join(persistTo, "v3") });
}
