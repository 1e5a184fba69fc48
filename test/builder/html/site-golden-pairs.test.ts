import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanAndSanitizeHtml } from "../../../src/builder/html/clean-and-sanitize-html";
import { SITE_RULES } from "../../../src/builder/html/site-rules-for";
import { matchGolden } from "../../support/match-golden";

const SITES = fileURLToPath(new URL("../../../src/builder/html/sites/", import.meta.url));

/** Each site's golden pairs: `sites/<name>/testdata/<case>.html` and the cleaned, sanitized `<case>.html-result`. */
const pairs = SITE_RULES.flatMap((rules) => {
  const folder = `${SITES}${rules.name}/testdata/`;
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".html"))
    .sort()
    .map((name) => ({ site: rules.name, rules, name, input: `${folder}${name}`, result: `${folder}${name}-result` }));
});

describe("each site's golden pairs", () => {
  it("exist for every site with a folder of its own", () => {
    const folders = readdirSync(SITES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      expect(SITE_RULES.map((rules) => rules.name), `sites/${folder} has no rules in SITE_RULES`).toContain(folder);
      expect(pairs.filter((pair) => pair.site === folder).length, `sites/${folder}/testdata has no golden pair`).toBeGreaterThan(0);
    }
  });

  it.each(pairs)("clean and sanitize $site's $name byte for byte into its result", async ({ rules, input, result }) => {
    const { html } = cleanAndSanitizeHtml(readFileSync(input, "utf8"), { rules });
    await matchGolden(html, result);
  });
});
