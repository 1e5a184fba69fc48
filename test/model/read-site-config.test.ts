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
