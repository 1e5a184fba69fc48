import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDevSecret } from "../../scripts/support/ensure-dev-secret";
import { temporaryFolders } from "../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-dev-vars-");

describe("ensureDevSecret", () => {
  it("creates .dev.vars with a random secret of 64 hex digits when there is none", async () => {
    const path = join(makeFolder(), ".dev.vars");
    expect(await ensureDevSecret(path)).toBe(true);
    expect(readFileSync(path, "utf8")).toMatch(/^# .*\nIMAGE_PROXY_SECRET=[0-9a-f]{64}\n$/);
    const other = join(makeFolder(), ".dev.vars");
    await ensureDevSecret(other);
    expect(readFileSync(other, "utf8")).not.toBe(readFileSync(path, "utf8"));
  });

  it("adds the secret after a developer's own variables, keeping them", async () => {
    const path = join(makeFolder(), ".dev.vars");
    writeFileSync(path, "SITE_URL=http://localhost:8787");
    expect(await ensureDevSecret(path)).toBe(true);
    expect(readFileSync(path, "utf8")).toMatch(/^SITE_URL=http:\/\/localhost:8787\n# .*\nIMAGE_PROXY_SECRET=[0-9a-f]{64}\n$/);
  });

  it.each(["IMAGE_PROXY_SECRET=mine-and-long-enough-to-be-accepted-here\n", "IMAGE_PROXY_SECRET=\n"])("leaves %j as it is", async (text) => {
    const path = join(makeFolder(), ".dev.vars");
    writeFileSync(path, text);
    expect(await ensureDevSecret(path)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
