import { describe, expect, it } from "vitest";
import { SITE_NAMES } from "../../../src/builder/html/site-rules-for";
import { IMAGE_HOST_RULES } from "../../../src/model/image-host-rules";

describe("SITE_RULES and the image host rules", () => {
  it("name every site an image host rule belongs to", () => {
    for (const rule of IMAGE_HOST_RULES) expect(SITE_NAMES).toContain(rule.site);
  });
});
