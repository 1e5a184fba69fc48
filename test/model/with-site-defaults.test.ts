import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_CONFIG, withSiteDefaults } from "../../src/model/site-config";

describe("withSiteDefaults", () => {
  it("takes the generation's settings where [vars] set none or an empty one, and keeps the rest", () => {
    const merged = withSiteDefaults(DEFAULT_SITE_CONFIG, { SITE_TITLE: "", SITE_LANGUAGE: "de" }, { title: "Ada's Notes", language: "en", timeZone: "Europe/Berlin", author: "Ada" });
    expect(merged).toEqual({ ...DEFAULT_SITE_CONFIG, title: "Ada's Notes", timeZone: "Europe/Berlin", author: "Ada" });
  });

  it("leaves out a time zone Intl does not know", () => {
    expect(withSiteDefaults(DEFAULT_SITE_CONFIG, {}, { timeZone: "Mars/Olympus" })).toEqual(DEFAULT_SITE_CONFIG);
  });

  it("changes nothing without settings", () => {
    expect(withSiteDefaults(DEFAULT_SITE_CONFIG, {}, undefined)).toBe(DEFAULT_SITE_CONFIG);
  });
});
