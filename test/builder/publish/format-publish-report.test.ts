import { describe, expect, it } from "vitest";
import { formatPublishReport } from "../../../src/builder/publish/format-publish-report";
import type { PublishReport } from "../../../src/builder/publish/publish-generation";

function report(overrides: Partial<PublishReport> = {}): PublishReport {
  return {
    outcome: "published",
    generation: 3,
    manifest: "abc",
    written: { articles: [], pages: ["page:1", "page:2"], shards: ["shard:1"], manifests: ["manifest:abc"] },
    writtenBytes: 3 * 1024 * 1024,
    deleted: { articles: [], pages: [], shards: [], manifests: [] },
    pointerWritten: true,
    writes: 5,
    reads: 1,
    lists: 1,
    resumed: 0,
    liveArticles: 10,
    droppedArticles: 0,
    waiting: [],
    warnings: [],
    ...overrides,
  };
}

describe("formatPublishReport", () => {
  it("says the bytes written are the JSON before compression, since KV stores the values gzipped", () => {
    expect(formatPublishReport(report(), "local store")).toContain("wrote 2 pages, 1 shard, 1 manifest (3.0 MiB of JSON before compression)");
  });

  it("counts reads and lists in the singular and the plural", () => {
    expect(formatPublishReport(report(), "local store")).toContain("5 KV writes in all (1 read, 1 list)");
    expect(formatPublishReport(report({ reads: 2, lists: 3 }), "local store")).toContain("(2 reads, 3 lists)");
  });
});
