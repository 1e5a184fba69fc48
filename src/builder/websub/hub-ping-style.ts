/** How one hub takes a ping: how many feed URLs fit in one request, and the form body that names them. */
export interface HubPingStyle {
  /** Who the style is for, as the publish summary names it. */
  name: string;
  /** Feed URLs per request. */
  urlsPerRequest: number;
  /** The `application/x-www-form-urlencoded` body of one request, `hub.mode=publish` and the URLs. */
  body(urls: readonly string[]): URLSearchParams;
}

// Google's hub: "hub.url equal to the feed URL of the feed that has been updated. This field may be repeated
// to indicate multiple feeds that have been updated" (pubsubhubbub.appspot.com); its own publisher client
// (pubsubhubbub_publish.py) sends at most URL_BATCH_SIZE = 100 of them a request.
const REPEATED: HubPingStyle = {
  name: "Google's hub (hub.url repeated, 100 a request)",
  urlsPerRequest: 100,
  body: (urls) => form("hub.url", urls),
};

// Superfeedr: "You can submit multiple URLs per ping, either by using an array syntax like hub.url[]=<url1>
// and hub.url[]=<url2>, or by sending a comma-separated list" (documentation.superfeedr.com/publishers.html).
// It states no limit; 100, as Google's client sends.
const ARRAY: HubPingStyle = {
  name: "Superfeedr (hub.url[], 100 a request)",
  urlsPerRequest: 100,
  body: (urls) => form("hub.url[]", urls),
};

// W3C WebSub §7 leaves how a publisher tells its hub to the two of them; the one form every hub that takes
// pings reads (Google's, Superfeedr's, Switchboard, WebSub.rocks, WordPress's plugin as sender) is a single
// hub.url. A hub we know nothing more of gets one URL a request: a hub that reads only the first (or the
// last) of several would drop the others without saying so.
const SINGLE: HubPingStyle = {
  name: "one hub.url a request",
  urlsPerRequest: 1,
  body: (urls) => form("hub.url", urls),
};

/** The ping style of the hub at `hub` (an absolute URL): batched for the hubs known to take several URLs, one URL a request otherwise. */
export function hubPingStyle(hub: string): HubPingStyle {
  const host = new URL(hub).hostname;
  if (host === "pubsubhubbub.appspot.com") return REPEATED;
  if (host === "superfeedr.com" || host.endsWith(".superfeedr.com")) return ARRAY;
  return SINGLE;
}

function form(name: string, urls: readonly string[]): URLSearchParams {
  const body = new URLSearchParams({ "hub.mode": "publish" });
  for (const url of urls) body.append(name, url);
  return body;
}
