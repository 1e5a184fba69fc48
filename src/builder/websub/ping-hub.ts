import { type HubPingStyle, hubPingStyle } from "./hub-ping-style";

/** Options of pingHub; tests pass a short timeout, a clock and a style. */
export interface PingHubOptions {
  /** How long one request may take before it counts as failed (default 10 s). */
  timeoutMilliseconds?: number;
  /** Requests per batch at most, the first included (default 3: two retries). */
  attempts?: number;
  /** The wait before the first retry, doubled before each next one (default 2 s); a longer Retry-After wins, up to 60 s. */
  retryDelayMilliseconds?: number;
  /** Batches in flight at once (default 4). */
  concurrency?: number;
  /** How the hub takes several URLs (default hubPingStyle(hub)). */
  style?: HubPingStyle;
  fetch?: typeof globalThis.fetch;
  sleep?: (milliseconds: number) => Promise<void>;
}

/** What pinging the hub came to. */
export interface PingHubResult {
  /** The feed URLs the hub accepted (a 2xx). */
  pinged: string[];
  /** The feed URLs it did not, with why, a batch each. */
  failed: { urls: string[]; reason: string }[];
  /** HTTP requests sent, retries included. */
  requests: number;
  style: HubPingStyle;
}

/** Why one attempt failed, and whether another may succeed. */
interface AttemptFailure {
  reason: string;
  retry: boolean;
  retryAfterMilliseconds?: number;
}

const MAX_RETRY_AFTER_MILLISECONDS = 60_000;

/**
 * Tells the WebSub hub at `hub` that the feeds at `urls` changed (`hub.mode=publish`, form-encoded, as the
 * common hubs take it), in batches the hub's style allows, each with a timeout and retries for what may
 * pass (a timeout, no connection, 408, 429, 5xx). Never throws: whatever fails is in the result, for the
 * publish summary, since a publish that went live stays live whatever its hub does.
 */
export async function pingHub(hub: string, urls: readonly string[], options: PingHubOptions = {}): Promise<PingHubResult> {
  const style = options.style ?? hubPingStyle(hub);
  const attempts = options.attempts ?? 3;
  const timeout = options.timeoutMilliseconds ?? 10_000;
  const retryDelay = options.retryDelayMilliseconds ?? 2_000;
  const fetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const batches: string[][] = [];
  for (let start = 0; start < urls.length; start += style.urlsPerRequest) batches.push(urls.slice(start, start + style.urlsPerRequest));

  const result: PingHubResult = { pinged: [], failed: [], requests: 0, style };
  // A hub that fails every attempt of a batch for a reason that is not the batch's (no answer, a 5xx) would
  // fail the rest the same way, each after its timeouts: the others are not sent, so a down hub costs one
  // batch's retries, not minutes per batch.
  let down: string | undefined;
  const send = async (batch: string[]): Promise<void> => {
    if (down !== undefined) return void result.failed.push({ urls: batch, reason: `not sent: ${down}` });
    for (let attempt = 1; ; attempt++) {
      result.requests++;
      const failure = await sendOnce(fetch, hub, style.body(batch), timeout);
      if (failure === undefined) return void result.pinged.push(...batch);
      if (!failure.retry || attempt >= attempts) {
        const reason = failure.retry ? `${failure.reason} (${attempts} attempts)` : failure.reason;
        result.failed.push({ urls: batch, reason });
        if (failure.retry) down = `the hub failed an earlier batch: ${reason}`;
        return;
      }
      await sleep(Math.min(MAX_RETRY_AFTER_MILLISECONDS, Math.max(retryDelay * 2 ** (attempt - 1), failure.retryAfterMilliseconds ?? 0)));
    }
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) await send(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, batches.length) }, worker));
  return result;
}

/** One request to the hub: undefined when it took the ping, else why not. */
async function sendOnce(fetch: typeof globalThis.fetch, hub: string, body: URLSearchParams, timeout: number): Promise<AttemptFailure | undefined> {
  let response: Response;
  try {
    response = await fetch(hub, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "edgefeed (WebSub publisher)" },
      body: body.toString(),
      // A redirected POST turns into a GET without its body (RFC 9110 §15.4.2, as fetch does it): say so instead.
      redirect: "manual",
      signal: AbortSignal.timeout(timeout),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") return { reason: `no answer within ${timeout / 1000} s`, retry: true };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { reason: `cannot reach the hub (${cause?.code ?? cause?.message ?? (error as Error).message})`, retry: true };
  }
  // The hub's words, short: a hub says why it refused in its body (Google's: "MUST supply at least one hub.url parameter").
  const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
  const said = text === "" ? "" : `: ${text}`;
  if (response.status >= 200 && response.status < 300) return undefined;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("Location");
    return { reason: `the hub answered ${response.status}${location ? ` to ${location}` : ""}: set WEBSUB_HUB to the hub's own URL`, retry: false };
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get("Retry-After"));
    return { reason: `the hub answered ${response.status}${said}`, retry: true, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMilliseconds: retryAfter * 1000 } : {}) };
  }
  return { reason: `the hub refused the ping with ${response.status}${said}`, retry: false };
}
