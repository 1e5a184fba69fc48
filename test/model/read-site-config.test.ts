import { describe, expect, it } from "vitest";
import { readSiteConfig } from "../../src/model/site-config";

describe("readSiteConfig: IMAGE_PROXY_HOSTS", () => {
  it("proxies Sina's picture hosts when unset", () => {
    expect(readSiteConfig({}).imageProxyHosts).toEqual(["sinaimg.cn"]);
  });

  it.each(["", "  ", " , "])("proxies no host for %j, which turns the proxy off", (value) => {
    expect(readSiteConfig({ IMAGE_PROXY_HOSTS: value }).imageProxyHosts).toEqual([]);
  });

  it("reads comma-separated host names, lowercase, sorted, each once", () => {
    expect(readSiteConfig({ IMAGE_PROXY_HOSTS: " sinaimg.cn, Images.Example.ORG.,127.0.0.1, sinaimg.cn" }).imageProxyHosts).toEqual(["127.0.0.1", "images.example.org", "sinaimg.cn"]);
  });

  it.each(["https://sinaimg.cn", "sinaimg.cn/", "*.sinaimg.cn", "127.0.0.1:8080", "sina img.cn", "-sinaimg.cn"])("refuses %j, naming the setting", (value) => {
    expect(() => readSiteConfig({ IMAGE_PROXY_HOSTS: value })).toThrow(/IMAGE_PROXY_HOSTS must list host names/);
  });
});

describe("readSiteConfig: SITE_ID", () => {
  it("is empty when unset or blank", () => {
    expect(readSiteConfig({}).siteId).toBe("");
    expect(readSiteConfig({ SITE_ID: "  " }).siteId).toBe("");
  });

  it.each(["news.example.com,2026", "me@example.com,2026-12", "example.org,2026-12-01", "127.0.0.1,2026"])("takes the RFC 4151 tagging entity %j", (value) => {
    expect(readSiteConfig({ SITE_ID: value }).siteId).toBe(value);
  });

  it.each(["news.example.com", "https://news.example.com,2026", "News.Example.com,2026", "example.com,26", "example.com,2026-13", "example.com,2026:x", "-example.com,2026"])(
    "throws naming SITE_ID for %j, which is no tagging entity",
    (value) => {
      expect(() => readSiteConfig({ SITE_ID: value })).toThrow(/^SITE_ID must be an RFC 4151 tagging entity/);
    },
  );
});
