import { describe, expect, it } from "vitest";
import { imageProxyPath, parseImageProxyPath, upstreamUrlText } from "../../../src/worker/images/image-proxy-path";

const TOKEN = "abcdefghijklmnopqrstuv";

describe("imageProxyPath and parseImageProxyPath", () => {
  it.each([
    "https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png",
    "https://n.sinaimg.cn/a%20b/%E5%9B%BE.png?w=640&h=480",
    "http://127.0.0.1:8123/seed/a.png",
    "http://n.sinaimg.cn:443/odd-port.png",
  ])("reads back %s among the URLs the path may name", (text) => {
    const url = new URL(text);
    const path = imageProxyPath(TOKEN, url);
    expect(path.startsWith(`/images/${TOKEN}/`)).toBe(true);
    const [remainder, search] = [path.slice("/images/".length).split("?")[0]!, url.search];
    const parsed = parseImageProxyPath(remainder, search)!;
    expect(parsed.token).toBe(TOKEN);
    expect(parsed.candidates.map(upstreamUrlText)).toContain(upstreamUrlText(url));
  });

  it("ends the path in the picture's own file name", () => {
    expect(imageProxyPath(TOKEN, new URL("https://n.sinaimg.cn/finance/a.jpg#top"))).toBe(`/images/${TOKEN}/n.sinaimg.cn/finance/a.jpg`);
  });

  it("signs the URL without its fragment or an empty query", () => {
    expect(upstreamUrlText(new URL("https://n.sinaimg.cn/a.png?#x"))).toBe("https://n.sinaimg.cn/a.png");
  });

  it.each([
    ["no host", TOKEN],
    ["no path after the host", `${TOKEN}/n.sinaimg.cn`],
    ["an empty token", "/n.sinaimg.cn/a.png"],
    ["user info before the host", `${TOKEN}/user@n.sinaimg.cn/a.png`],
    ["an upper-case host", `${TOKEN}/N.SINAIMG.CN/a.png`],
    ["a host with a backslash", `${TOKEN}/n.sinaimg.cn\\evil.example/a.png`],
    ["a percent-encoded host", `${TOKEN}/n%2esinaimg.cn/a.png`],
    ["an IPv6 host", `${TOKEN}/[::1]/a.png`],
  ])("gives nothing for %s", (_name, remainder) => {
    expect(parseImageProxyPath(remainder, "")).toBeUndefined();
  });
});
