/** Reads a URL's body, or rejects with an Error saying why (its status and first line) when it does not answer 200. */
export type ReadDocument = (url: string) => Promise<string>;

/**
 * A ReadDocument that GETs each URL once (as a reader does: no `Sec-Fetch-Dest`, so feeds come as feeds) and
 * hands every later caller the same body, so the checks that read one feed do not fetch it again.
 */
export function createDocumentReader(fetchFunction: typeof fetch = fetch): ReadDocument {
  const bodies = new Map<string, Promise<string>>();
  return (url) => {
    let body = bodies.get(url);
    if (body === undefined) {
      body = (async () => {
        const response = await fetchFunction(url, { signal: AbortSignal.timeout(30_000), redirect: "manual" });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`answered ${response.status}: ${text.split("\n")[0]!.slice(0, 200)}`);
        return text;
      })();
      bodies.set(url, body);
    }
    return body;
  };
}
