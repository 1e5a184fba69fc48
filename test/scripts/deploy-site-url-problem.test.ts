import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_CONFIG } from "../../src/model/site-config";
import { deploySiteUrlProblem } from "../../scripts/support/deploy-site-url-problem";

const ROOT = resolve(import.meta.dirname, "..", "..");

describe("deploySiteUrlProblem", () => {
  it("lets a deploy with a SITE_URL go ahead", () => {
    expect(deploySiteUrlProblem({ ...DEFAULT_SITE_CONFIG, url: "https://news.example.com" }, [])).toBeUndefined();
  });

  it("refuses an empty SITE_URL, saying why ids depend on it and how to deploy all the same", () => {
    const problem = deploySiteUrlProblem(DEFAULT_SITE_CONFIG, ["--dry-run"]);
    expect(problem).toMatch(/^deploy: SITE_URL is empty/);
    expect(problem).toContain("ids change, and readers show every item again as new");
    expect(problem).toContain("npm run deploy -- --allow-empty-site-url");
  });

  it("says ids stay under SITE_ID when only that is set", () => {
    expect(deploySiteUrlProblem({ ...DEFAULT_SITE_CONFIG, siteId: "news.example.com,2026" }, [])).toContain("Ids stay under SITE_ID (news.example.com,2026)");
  });

  it("lets --allow-empty-site-url deploy with an empty SITE_URL", () => {
    expect(deploySiteUrlProblem(DEFAULT_SITE_CONFIG, ["--allow-empty-site-url"])).toBeUndefined();
  });

  it("stops npm run deploy with the repository's wrangler.toml (SITE_URL empty) before wrangler runs", async () => {
    const failure = await promisify(execFile)("npm", ["run", "--silent", "deploy", "--", "--dry-run"], { cwd: ROOT, timeout: 45_000 }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^deploy: SITE_URL is empty/);
    expect(`${failure?.stdout}${failure?.stderr}`).not.toMatch(/⛅️ wrangler|Total Upload/);
  });
});
