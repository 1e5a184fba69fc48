import type { Env as WorkerEnv } from "../../src/worker/env";

// Types `env` and `exports` from "cloudflare:workers" in tests as the Worker's own.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
    interface GlobalProps {
      mainModule: typeof import("../../src/worker/index");
    }
  }
}
