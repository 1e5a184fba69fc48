import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FEED_FILE_NAMES, FEED_FORMATS } from "../../../src/model/feed-format";
import { buildFeedDocument } from "../../../src/worker/feeds/build-feed-document";
import { renderFeed } from "../../../src/worker/feeds/render-feed";
import { matchGolden, matchJsonGolden } from "../../support/match-golden";
import { goldenCases } from "./golden-cases";

const GOLDEN_DIRECTORY = fileURLToPath(new URL("../../fixtures/feeds/", import.meta.url));

// Golden files are named <case>.<the format's file name>: head.feed.xml, head.atom.xml, head.feed.json.
describe("renderFeed golden files", () => {
  const rows = goldenCases().flatMap((golden) => FEED_FORMATS.map((format) => ({ name: golden.name, format })));
  it.each(rows)("renders $name as $format byte for byte like its golden file", async ({ name, format }) => {
    const golden = goldenCases().find((candidate) => candidate.name === name)!;
    const output = renderFeed(buildFeedDocument({ ...golden.input, format }), format);
    const path = `${GOLDEN_DIRECTORY}${name}.${FEED_FILE_NAMES[format]}`;
    if (format !== "json") return matchGolden(output, path);
    // JSON Feed goes out compact; its golden file is the same JSON pretty-printed, so the bytes served must
    // be exactly the compact form of the value the golden file holds.
    const value: unknown = JSON.parse(output);
    expect(output).toBe(JSON.stringify(value));
    await matchJsonGolden(value, path);
  });

  it("renders the same bytes on every call", () => {
    for (const golden of goldenCases()) {
      for (const format of FEED_FORMATS) {
        const first = renderFeed(buildFeedDocument({ ...golden.input, format }), format);
        const second = renderFeed(buildFeedDocument({ ...goldenCases().find((c) => c.name === golden.name)!.input, format }), format);
        expect(second).toBe(first);
      }
    }
  });
});
