import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import sharp from "sharp";

/** One request the stand-in received, as it came. */
export interface StandInRequest {
  method: string;
  path: string;
  referer?: string;
  cookie?: string;
}

/** A served image: its media type and bytes. */
export interface StandInImage {
  type: string;
  bytes: Buffer;
}

/** A running stand-in for Sina's picture hosts. */
export interface ImageHostStandIn {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request so far, in order. */
  requests: StandInRequest[];
  /** What it serves at `path` when that is an image (the bytes every fetch of it gets), else undefined. */
  imageAt(path: string): Promise<StandInImage | undefined>;
  /** Stops listening and drops the connections it keeps open. */
  stop(): Promise<void>;
}

/** The paths of the stand-in's failures, and what each is. */
export const STAND_IN_FAILURES = {
  page: "/errors/page.html",
  lyingType: "/errors/lying-type.png",
  oversize: "/errors/oversize.png",
  oversizeUndeclared: "/errors/oversize-undeclared.png",
  neverFinishes: "/errors/never-finishes.jpg",
  neverAnswers: "/errors/never-answers.webp",
  missing: "/errors/missing.png",
  serverError: "/errors/server-error.png",
} as const;

/** A marker in the stand-in's own error pages, which must never reach a reader through the proxy. */
export const STAND_IN_ERROR_MARKER = "STAND-IN-ERROR-PAGE";

/** Referers a Sina host accepts: its own sites'. Any other one is foreign and gets 403. */
const ACCEPTED_REFERER = /^https:\/\/([a-z0-9-]+\.)*(sina\.com\.cn|sina\.cn|weibo\.com)\//;

// 11 MiB: past the proxy's 10 MiB cap.
const OVERSIZE_BYTES = 11 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Starts a local stand-in for Sina's picture hosts on 127.0.0.1: any path ending in `.png`, `.jpg`, `.webp`,
 * `.gif` or `.svg` is an image of that format (made by sharp; size and colour from the path, so every fetch
 * gets the same bytes), and STAND_IN_FAILURES are a web page, HTML declared `image/png`, bodies over 10 MiB
 * (with and without Content-Length), a body that never ends, no answer at all, 404 and 500. Like Sina, it
 * answers a request whose Referer is another site's with 403; no Referer, or Sina's own, is served.
 */
export async function startImageHostStandIn(): Promise<ImageHostStandIn> {
  const requests: StandInRequest[] = [];
  const images = new Map<string, Promise<StandInImage | undefined>>();
  const sockets = new Set<Socket>();
  const imageAt = (path: string): Promise<StandInImage | undefined> => {
    let image = images.get(path);
    if (image === undefined) images.set(path, (image = makeImage(path)));
    return image;
  };
  const server = createServer((request, response) => {
    void answer(request, response, requests, imageAt).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the image host stand-in has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    imageAt: (path) => (Object.values(STAND_IN_FAILURES).includes(path as never) ? Promise.resolve(undefined) : imageAt(path)),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, requests: StandInRequest[], imageAt: (path: string) => Promise<StandInImage | undefined>): Promise<void> {
  const path = new URL(request.url ?? "/", "http://stand-in").pathname;
  const referer = request.headers.referer;
  const cookie = request.headers.cookie;
  requests.push({ method: request.method ?? "GET", path, ...(referer === undefined ? {} : { referer }), ...(cookie === undefined ? {} : { cookie }) });
  if (referer !== undefined && !ACCEPTED_REFERER.test(referer)) return errorPage(response, 403, "hotlinking is not allowed");
  switch (path) {
    case STAND_IN_FAILURES.page:
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return void response.end("<!doctype html><title>a page</title><p>Not a picture.</p>");
    case STAND_IN_FAILURES.lyingType:
      response.writeHead(200, { "Content-Type": "image/png" });
      return void response.end("<!doctype html><script>alert(document.cookie)</script>");
    case STAND_IN_FAILURES.oversize:
      response.writeHead(200, { "Content-Type": "image/png", "Content-Length": String(OVERSIZE_BYTES) });
      return void response.end(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(OVERSIZE_BYTES - PNG_SIGNATURE.length)]));
    case STAND_IN_FAILURES.oversizeUndeclared: {
      // Chunked, so only counting the bytes finds the size.
      response.writeHead(200, { "Content-Type": "image/png" });
      const chunk = Buffer.alloc(1024 * 1024);
      for (let sent = 0; sent < OVERSIZE_BYTES && !response.destroyed; sent += chunk.length) {
        if (!response.write(sent === 0 ? Buffer.concat([PNG_SIGNATURE, chunk.subarray(PNG_SIGNATURE.length)]) : chunk)) await drained(response);
      }
      return void response.end();
    }
    case STAND_IN_FAILURES.neverFinishes:
      // The headers and the first bytes, then nothing: the connection stays open until the stand-in stops.
      response.writeHead(200, { "Content-Type": "image/jpeg", "Content-Length": "100000" });
      return void response.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    case STAND_IN_FAILURES.neverAnswers:
      return;
    case STAND_IN_FAILURES.missing:
      return errorPage(response, 404, "no such picture");
    case STAND_IN_FAILURES.serverError:
      return errorPage(response, 500, "something broke");
  }
  const image = await imageAt(path);
  if (image === undefined) return errorPage(response, 404, "no such picture");
  response.writeHead(200, {
    "Content-Type": image.type,
    "Content-Length": String(image.bytes.length),
    "Last-Modified": "Fri, 11 Jun 2021 04:19:02 GMT",
    // What a CDN adds; the proxy must not pass cookies on either way.
    "Set-Cookie": "upstream=1; Path=/",
  });
  response.end(request.method === "HEAD" ? undefined : image.bytes);
}

/** Resolves when a response can take more bytes, or has closed (the proxy stopped reading). */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const finish = (): void => {
      response.off("drain", finish).off("close", finish);
      done();
    };
    response.on("drain", finish).on("close", finish);
  });
}

function errorPage(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>${status}</title><h1>${STAND_IN_ERROR_MARKER}: ${reason}</h1>`);
}

/** The image at `path`: its format from the extension, its size and colour from a hash of the path. */
async function makeImage(path: string): Promise<StandInImage | undefined> {
  const extension = /\.(png|jpg|jpeg|webp|gif|svg)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === undefined) return undefined;
  const hash = createHash("sha256").update(path).digest();
  const width = 320 + (hash.readUInt16BE(0) % 640);
  const height = 180 + (hash.readUInt16BE(2) % 360);
  const colour = `#${hash.subarray(4, 7).toString("hex")}`;
  if (extension === "svg") {
    // A script and an event handler: served from our origin, neither may ever run.
    const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" onload="alert(1)"><script>alert(2)</script><rect width="100%" height="100%" fill="${colour}"/></svg>\n`;
    return { type: "image/svg+xml", bytes: Buffer.from(svg) };
  }
  const picture = sharp({ create: { width, height, channels: 3, background: colour } });
  if (extension === "png") return { type: "image/png", bytes: await picture.png().toBuffer() };
  if (extension === "webp") return { type: "image/webp", bytes: await picture.webp().toBuffer() };
  if (extension === "gif") return { type: "image/gif", bytes: await picture.gif().toBuffer() };
  return { type: "image/jpeg", bytes: await picture.jpeg().toBuffer() };
}
