import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PROXY_HOSTS, IMAGE_HOST_RULES, refererForImageHost } from "../../src/model/image-host-rules";
import { matchesHost } from "../../src/model/matches-host";

describe("refererForImageHost", () => {
  it.each([
    ["n.sinaimg.cn", "https://finance.sina.com.cn/"],
    ["k.sinaimg.cn", "https://finance.sina.com.cn/"],
    ["sinaimg.cn", "https://finance.sina.com.cn/"],
    ["wx1.sinaimg.cn", "https://weibo.com/"],
    ["tvax4.sinaimg.cn", "https://weibo.com/"],
    ["127.0.0.1", undefined],
    ["xsinaimg.cn", undefined],
    ["images.example.org", undefined],
  ])("sends %s the Referer %s", (host, referer) => {
    expect(refererForImageHost(host)).toBe(referer);
  });

  it("takes the rule naming the host most specifically, whatever the order of the table", () => {
    const rules = [
      { site: "a", hosts: ["b.example"], referer: "https://general.example/" },
      { site: "a", hosts: ["a.b.example"] },
    ];
    expect(refererForImageHost("a.b.example", rules)).toBeUndefined();
    expect(refererForImageHost("a.b.example", [...rules].reverse())).toBeUndefined();
    expect(refererForImageHost("c.b.example", rules)).toBe("https://general.example/");
  });
});

describe("IMAGE_HOST_RULES", () => {
  it("send only origins as Referer: a page's own path would tell the host nothing more", () => {
    for (const rule of IMAGE_HOST_RULES) if (rule.referer !== undefined) expect(rule.referer).toBe(`${new URL(rule.referer).origin}/`);
  });

  it("cover every default proxied host", () => {
    for (const host of DEFAULT_IMAGE_PROXY_HOSTS) expect(IMAGE_HOST_RULES.some((rule) => rule.hosts.some((name) => matchesHost(host, name)))).toBe(true);
  });
});

describe("matchesHost", () => {
  it("matches the host and its subdomains, never a longer name that ends alike", () => {
    expect(matchesHost("sinaimg.cn", "sinaimg.cn")).toBe(true);
    expect(matchesHost("n.sinaimg.cn", "sinaimg.cn")).toBe(true);
    expect(matchesHost("xsinaimg.cn", "sinaimg.cn")).toBe(false);
    expect(matchesHost("sinaimg.cn.evil.example", "sinaimg.cn")).toBe(false);
  });
});
