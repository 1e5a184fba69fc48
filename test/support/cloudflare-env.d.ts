import type { Env as WorkerEnv } from "../../src/worker/env";

// Types `env` from "cloudflare:workers" in tests as the Worker's own Env.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
