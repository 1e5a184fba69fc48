// Run by `npm start` and `npm run dev` before `wrangler dev`: gives .dev.vars (which `wrangler dev` reads
// and git ignores) a random IMAGE_PROXY_SECRET when it has none, so the image proxy works locally as it does
// deployed, where the secret comes from `npx wrangler secret put IMAGE_PROXY_SECRET`.
import { join } from "node:path";
import { ensureDevSecret } from "./support/ensure-dev-secret";
import { ROOT } from "./support/run-command";

const path = join(ROOT, ".dev.vars");
if (await ensureDevSecret(path)) console.log(`ensure-dev-secret: wrote a random IMAGE_PROXY_SECRET to ${path} for the image proxy under wrangler dev`);
