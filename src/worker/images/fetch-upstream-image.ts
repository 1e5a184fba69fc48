import { StatusError } from "itty-router";
import { SVG_TYPE, sniffImageType } from "./sniff-image-type";

/** An image as fetched and checked: its bytes, the type they really are, and the upstream's Last-Modified when it gave a usable one. */
export interface UpstreamImage {
  bytes: Uint8Array;
  /** The sniffed media type (sniffImageType), not the one the upstream declared. */
  type: string;
  lastModified?: string;
}

/** What fetches an upstream image: the global `fetch`, or a test's stand-in. */
export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/** How long and how large an upstream fetch may be. */
export interface UpstreamLimits {
  /** For the whole exchange, body included: a response that never ends is a timeout too. */
  timeoutMilliseconds: number;
  maxBytes: number;
}

/** Ten seconds for an image, and 10 MiB: more than any article picture, less than a Worker's 128 MB. */
export const UPSTREAM_LIMITS: UpstreamLimits = { timeoutMilliseconds: 10_000, maxBytes: 10 * 1024 * 1024 };

/** Redirects followed (an http URL moved to https, a CDN's other host); browsers allow 20, images need few. */
const MAX_REDIRECTS = 5;

/** Which hosts the proxy may fetch from, and the Referer each gets. */
export interface UpstreamHosts {
  /** Whether a redirect may lead to `hostname`: only to hosts the proxy serves, or it would fetch whatever a redirect names. */
  allows(hostname: string): boolean;
  /** The Referer for `hostname` (refererForImageHost), or undefined for none. */
  refererFor(hostname: string): string | undefined;
}

/**
 * GETs an image from its host: with the host's Referer or none, no cookies or credentials (nothing of the
 * reader's request is passed on), within `limits`, following redirects only to hosts `hosts` allows. Only a 200 declared `image/*` whose bytes are an image
 * format (sniffImageType) is taken; a raster format other than the declared one is served as what it is
 * (CDNs send WebP as `image/jpeg`), but SVG must be declared SVG and only SVG may be. Throws StatusError:
 * 404 when the host has no such image, 504 on a timeout, 502 for anything else, with a message for the
 * reader (the upstream's own body is never read into it).
 */
export async function fetchUpstreamImage(url: string, options: { fetch: UpstreamFetch; hosts: UpstreamHosts; limits: UpstreamLimits }): Promise<UpstreamImage> {
  const { limits } = options;
  const controller = new AbortController();
  const timedOut = new StatusError(504, `The image host did not answer within ${limits.timeoutMilliseconds / 1000} s. Please try again later.`);
  // Rejects at the deadline, so a stalled body read stops too even if aborting the fetch does not reach it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut);
    }, limits.timeoutMilliseconds);
  });
  deadline.catch(() => {});
  const badGateway = (reason: string): StatusError => new StatusError(502, `The image host's answer cannot be served: ${reason}. Please try again later.`);
  try {
    let location = new URL(url);
    let response: Response;
    // The body of a response not taken is cancelled, so its connection is freed.
    const refusing = (error: StatusError): StatusError => {
      void response.body?.cancel().catch(() => {});
      return error;
    };
    for (let hop = 0; ; hop++) {
      const headers = new Headers({ Accept: "image/*", "User-Agent": "edgefeed image proxy" });
      const referer = options.hosts.refererFor(location.hostname);
      if (referer !== undefined) headers.set("Referer", referer);
      try {
        // Redirects by hand: each hop's host must be one the proxy serves, and gets its own Referer.
        response = await Promise.race([options.fetch(location.href, { headers, signal: controller.signal, redirect: "manual" }), deadline]);
      } catch (error) {
        if (error === timedOut || controller.signal.aborted) throw timedOut;
        throw badGateway(`it cannot be reached (${error instanceof Error ? error.message : String(error)})`);
      }
      if (![301, 302, 303, 307, 308].includes(response.status)) break;
      const next = URL.parse(response.headers.get("Location") ?? "", location);
      if (next === null || (next.protocol !== "https:" && next.protocol !== "http:")) throw refusing(badGateway("it redirects nowhere usable"));
      if (!options.hosts.allows(next.hostname)) throw refusing(badGateway(`it redirects to ${next.hostname}, which the proxy does not serve`));
      if (hop >= MAX_REDIRECTS) throw refusing(badGateway(`it redirects more than ${MAX_REDIRECTS} times`));
      void response.body?.cancel().catch(() => {});
      location = next;
    }
    if (response.status === 404 || response.status === 410) throw refusing(new StatusError(404, "The image host has no such image (any more)."));
    if (response.status !== 200) throw refusing(badGateway(`it answered ${response.status}`));
    const declared = (response.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!declared.startsWith("image/")) throw refusing(badGateway(`it is not an image (Content-Type ${JSON.stringify(declared)})`));
    const length = Number(response.headers.get("Content-Length") ?? "0");
    if (length > limits.maxBytes) throw refusing(badGateway(`it is larger than ${limits.maxBytes} bytes`));
    const bytes = await readAtMost(response.body, limits.maxBytes, deadline, () => badGateway(`it is larger than ${limits.maxBytes} bytes`));
    const type = sniffImageType(bytes);
    if (type === undefined) throw badGateway(`its bytes are no image format (it says ${declared})`);
    if ((type === SVG_TYPE) !== (declared === SVG_TYPE)) throw badGateway(`it says ${declared} but its bytes are ${type}`);
    const lastModified = response.headers.get("Last-Modified") ?? undefined;
    return { bytes, type, ...(lastModified === undefined ? {} : { lastModified }) };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a body whole, failing with `tooLarge()` past `maxBytes` and with the deadline's error when it passes. */
async function readAtMost(body: ReadableStream<Uint8Array> | null, maxBytes: number, deadline: Promise<never>, tooLarge: () => Error): Promise<Uint8Array> {
  if (body === null) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
