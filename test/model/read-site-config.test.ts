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

describe("readSiteConfig: WEBSUB_HUB", () => {
  const site = { SITE_URL: "https://news.example.com" };

  it("is empty when unset or blank, which turns WebSub off", () => {
    expect(readSiteConfig(site).websubHub).toBe("");
    expect(readSiteConfig({ ...site, WEBSUB_HUB: "  " }).websubHub).toBe("");
  });

  it.each([
    ["https://pubsubhubbub.appspot.com", "https://pubsubhubbub.appspot.com/"],
    ["https://news.superfeedr.com/", "https://news.superfeedr.com/"],
    ["https://hub.example.org/websub?site=news", "https://hub.example.org/websub?site=news"],
    ["http://localhost:8080/hub", "http://localhost:8080/hub"],
    ["http://127.0.0.1:9000/", "http://127.0.0.1:9000/"],
    ["http://[::1]:9000/", "http://[::1]:9000/"],
  ])("takes %j as the hub %j", (value, hub) => {
    expect(readSiteConfig({ ...site, WEBSUB_HUB: value }).websubHub).toBe(hub);
  });

  it.each([
    ["pubsubhubbub.appspot.com", /must be an absolute https URL/],
    ["/hub", /must be an absolute https URL/],
    ["http://pubsubhubbub.appspot.com/", /must be an https URL \(http only for localhost\)/],
    ["ftp://hub.example.org/", /must be an https URL/],
    ["https://user:secret@hub.example.org/", /without credentials, fragment or spaces/],
    ["https://hub.example.org/#x", /without credentials, fragment or spaces/],
  ])("refuses %j, naming the setting and why", (value, reason) => {
    expect(() => readSiteConfig({ ...site, WEBSUB_HUB: value })).toThrow(/^WEBSUB_HUB /);
    expect(() => readSiteConfig({ ...site, WEBSUB_HUB: value })).toThrow(reason);
  });

  it("refuses a hub without SITE_URL, since the feeds' URLs would follow each request's host", () => {
    expect(() => readSiteConfig({ WEBSUB_HUB: "https://pubsubhubbub.appspot.com/" })).toThrow(/^WEBSUB_HUB needs SITE_URL/);
  });
});
