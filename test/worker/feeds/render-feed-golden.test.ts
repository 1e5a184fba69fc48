import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FeedFormat } from "../../../src/model/feed-format";
import { buildFeedDocument } from "../../../src/worker/feeds/build-feed-document";
import { renderFeed } from "../../../src/worker/feeds/render-feed";
import { goldenCases } from "./golden-cases";

const GOLDEN_DIRECTORY = fileURLToPath(new URL("../../fixtures/feeds/", import.meta.url));
const EXTENSIONS: Record<FeedFormat, string> = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" };
const FORMATS: FeedFormat[] = ["rss", "atom", "json"];

// Regenerate a golden file by deleting it and running this file with UPDATE_GOLDEN=1.
describe("renderFeed golden files", () => {
  const rows = goldenCases().flatMap((golden) => FORMATS.map((format) => ({ name: golden.name, format })));
  it.each(rows)("renders $name as $format byte for byte like its golden file", ({ name, format }) => {
    const golden = goldenCases().find((candidate) => candidate.name === name)!;
    const output = renderFeed(buildFeedDocument({ ...golden.input, format }), format);
    const path = `${GOLDEN_DIRECTORY}${name}.${EXTENSIONS[format]}`;
    if (!existsSync(path)) {
      if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1`);
      writeFileSync(path, output);
    }
    expect(output).toBe(readFileSync(path, "utf8"));
  });

  it("renders the same bytes on every call", () => {
    for (const golden of goldenCases()) {
      for (const format of FORMATS) {
        const first = renderFeed(buildFeedDocument({ ...golden.input, format }), format);
        const second = renderFeed(buildFeedDocument({ ...goldenCases().find((c) => c.name === golden.name)!.input, format }), format);
        expect(second).toBe(first);
      }
    }
  });
});
