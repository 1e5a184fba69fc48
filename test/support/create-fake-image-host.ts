import type { UpstreamFetch } from "../../src/worker/images/fetch-upstream-image";

/** One request the fake image host received. */
export interface FakeImageHostRequest {
  url: string;
  headers: Record<string, string>;
}

/** An upstream for the image proxy inside workerd: answers by path, as Sina's hosts would, and records every request. */
export interface FakeImageHost {
  fetch: UpstreamFetch;
  requests: FakeImageHostRequest[];
}

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));

/** A 1×1 PNG. */
export const PNG_BYTES = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (character) => character.charCodeAt(0));
/** The start of a JPEG (the proxy checks formats by their first bytes; it never decodes). */
export const JPEG_BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
/** The start of a lossy WebP. */
export const WEBP_BYTES = Uint8Array.from([...ascii("RIFF"), 26, 0, 0, 0, ...ascii("WEBPVP8 "), 14, 0, 0, 0, 0x30, 1, 0, 0x9d, 1, 0x2a, 1, 0, 1, 0, 0, 0, 0, 0]);
/** An SVG with a script in it, which a browser must never run from our origin. */
export const SVG_TEXT = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script><rect width="8" height="8"/></svg>';

const encoder = new TextEncoder();

/**
 * A fake image host whose answers depend on the path: `/…png` a PNG, `/…jpg` a JPEG, `/…webp` a WebP, `/…svg`
 * an SVG, and the failures: `/missing.png` 404 (with a body of its own that must never reach a reader),
 * `/forbidden.png` 403, `/html.png` a web page, `/lying.png` HTML declared image/png, `/jpeg-declared-png.png`,
 * `/svg-declared-png.png`, `/large.png` and `/large-declared.png` (over `maxBytes`), `/stalls.png` (a body
 * that never ends), `/hangs.png` (no answer at all), `/unreachable.png` (a network error); and redirects:
 * `/moved.png` to `a.png` beside it, `/moved-to-weibo.png` to a Weibo host, `/moved-away.png` to a host
 * no one proxies, `/loops.png` to itself. A foreign Referer gets 403, as Sina gives it.
 */
export function createFakeImageHost(options: { maxBytes: number }): FakeImageHost {
  const requests: FakeImageHostRequest[] = [];
  const image = (bytes: Uint8Array | string, type: string, headers: Record<string, string> = {}): Response =>
    new Response(typeof bytes === "string" ? encoder.encode(bytes) : bytes, { status: 200, headers: { "Content-Type": type, "Last-Modified": "Fri, 11 Jun 2021 04:19:02 GMT", ...headers } });
  const fetch: UpstreamFetch = async (url, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    requests.push({ url, headers });
    const referer = headers["referer"];
    if (referer !== undefined && !/^https:\/\/(finance\.sina\.com\.cn|weibo\.com)\//.test(referer)) return new Response("hotlinking refused", { status: 403 });
    const path = new URL(url).pathname;
    const redirect = (location: string): Response => new Response("moved", { status: 302, headers: { Location: location } });
    switch (path.split("/").pop()) {
      case "moved.png":
        return redirect("a.png");
      case "moved-to-weibo.png":
        return redirect("https://wx2.sinaimg.cn/large/moved.jpg");
      case "moved-away.png":
        return redirect("https://images.example.org/elsewhere.png");
      case "loops.png":
        return redirect(url);
      case "missing.png":
        return new Response("<h1>upstream's own 404 page</h1>", { status: 404, headers: { "Content-Type": "text/html" } });
      case "forbidden.png":
        return new Response("<h1>upstream's own 403 page</h1>", { status: 403, headers: { "Content-Type": "text/html" } });
      case "html.png":
        return new Response("<!doctype html><p>a page</p>", { status: 200, headers: { "Content-Type": "text/html" } });
      case "lying.png":
        return image("<html><script>alert(1)</script></html>", "image/png");
      case "jpeg-declared-png.png":
        return image(JPEG_BYTES, "image/png");
      case "svg-declared-png.png":
        return image(SVG_TEXT, "image/png");
      case "large.png":
        return new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new Uint8Array(1024).fill(0x89));
            },
          }),
          { status: 200, headers: { "Content-Type": "image/png" } },
        );
      case "large-declared.png":
        return image(new Uint8Array(options.maxBytes + 1).fill(0x89), "image/png");
      case "stalls.png":
        return new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(PNG_BYTES.subarray(0, 8));
            },
          }),
          { status: 200, headers: { "Content-Type": "image/png" } },
        );
      case "hangs.png":
        return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
      case "unreachable.png":
        throw new TypeError("Network connection lost.");
    }
    if (path.endsWith(".png")) return image(PNG_BYTES, "image/png");
    if (path.endsWith(".jpg")) return image(JPEG_BYTES, "image/jpeg");
    if (path.endsWith(".webp")) return image(WEBP_BYTES, "image/webp");
    if (path.endsWith(".svg")) return image(SVG_TEXT, "image/svg+xml");
    return new Response("not found", { status: 404 });
  };
  return { fetch, requests };
}
