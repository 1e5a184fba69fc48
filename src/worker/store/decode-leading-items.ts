// JSON's structural bytes (RFC 8259 §2): all ASCII, and UTF-8 never uses an ASCII byte inside a multi-byte
// character, so a scan of the UTF-8 bytes finds them without decoding the text.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const ITEMS_KEY = [0x69, 0x74, 0x65, 0x6d, 0x73]; // "items"

// Compressed bytes handed to the decompressor at a time: it inflates what it is given, so small slices keep
// it from inflating far past the last item needed (2 KiB inflates to about 10 KiB of a page's JSON).
const INPUT_SLICE_BYTES = 2048;

/**
 * Where the scan of a page's JSON stands: the open objects and arrays, whether it is inside a string, the
 * last string seen directly in the top object (a key), and how many items of its `items` array have closed.
 */
interface ScanState {
  stack: number[];
  inString: boolean;
  stringStart: number;
  lastTopString: [number, number];
  inItems: boolean;
  items: number;
  /** Offset just past the last item wanted, once found. */
  end: number;
}

/**
 * Scans `bytes` (the text decompressed so far) from `from` to its end for the end of the `count`-th item of
 * the top object's `items` array; returns where it stopped (the end, or just past that item). Strings are
 * skipped with indexOf: a quote ends one unless an odd run of backslashes escapes it.
 */
function scan(bytes: Uint8Array, from: number, state: ScanState, count: number): number {
  const to = bytes.byteLength;
  let index = from;
  while (index < to) {
    if (state.inString) {
      const quote = bytes.indexOf(QUOTE, index);
      if (quote < 0) return to;
      let backslashes = 0;
      for (let before = quote - 1; before > state.stringStart && bytes[before] === BACKSLASH; before--) backslashes++;
      index = quote + 1;
      if (backslashes % 2 === 1) continue;
      state.inString = false;
      if (state.stack.length === 1) state.lastTopString = [state.stringStart + 1, quote];
      continue;
    }
    const byte = bytes[index]!;
    if (byte === QUOTE) {
      state.inString = true;
      state.stringStart = index;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (byte === OPEN_ARRAY && state.stack.length === 1 && isItemsKey(bytes, state.lastTopString)) state.inItems = true;
      state.stack.push(byte);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      state.stack.pop();
      if (state.inItems && state.stack.length === 2 && byte === CLOSE_OBJECT && ++state.items === count) {
        state.end = index + 1;
        return state.end;
      }
      if (state.inItems && state.stack.length === 1) state.inItems = false;
    }
    index++;
  }
  return to;
}

function isItemsKey(bytes: Uint8Array, [start, end]: [number, number]): boolean {
  return end - start === ITEMS_KEY.length && ITEMS_KEY.every((byte, offset) => bytes[start + offset] === byte);
}

/**
 * The JSON text of a gzip-compressed object holding an `items` array (a stored page), decompressed only as
 * far as its first `count` items: the text up to the end of that item, with the array and the object
 * closed, so it parses as the object with those items and whatever came before them. A page's items are
 * newest first and a subscription document shows the newest 20 of the head's 100, so most of the page is
 * never inflated (inflating is what an uncached feed request spent most of its time on, profiled under
 * `wrangler dev`). Keys after `items` are not read: the caller falls back to the whole value when it misses one.
 * With fewer items than `count`, or no `items` array, the whole text.
 */
export async function decodeLeadingItems(compressed: Uint8Array, count: number): Promise<string> {
  const decompressor = new DecompressionStream("gzip");
  const writer = decompressor.writable.getWriter();
  const reader = decompressor.readable.getReader();
  let stopped = false;
  // Fed a slice at a time while the reader wants more; errors surface on the reader too.
  const feeding = (async () => {
    for (let offset = 0; offset < compressed.byteLength && !stopped; offset += INPUT_SLICE_BYTES) {
      await writer.write(compressed.subarray(offset, offset + INPUT_SLICE_BYTES));
    }
    if (!stopped) await writer.close();
  })();
  feeding.catch(() => {});
  let bytes = new Uint8Array(compressed.byteLength * 4);
  let length = 0;
  let scanned = 0;
  const state: ScanState = { stack: [], inString: false, stringStart: 0, lastTopString: [0, 0], inItems: false, items: 0, end: -1 };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (length + value.byteLength > bytes.byteLength) {
        const grown = new Uint8Array(Math.max(bytes.byteLength * 2, length + value.byteLength));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      bytes.set(value, length);
      length += value.byteLength;
      // A view ending at what is filled: indexOf must not search the buffer's unused tail.
      if (state.end < 0) scanned = scan(bytes.subarray(0, length), scanned, state, count);
      if (state.end >= 0) break;
    }
  } finally {
    stopped = true;
    await reader.cancel().catch(() => {});
  }
  if (state.end < 0) {
    await feeding;
    return new TextDecoder().decode(bytes.subarray(0, length));
  }
  // Closed in the order they were opened: the `items` array, then the object (and any outer ones).
  const closing = [...state.stack].reverse().map((open) => (open === OPEN_OBJECT ? "}" : "]")).join("");
  return new TextDecoder().decode(bytes.subarray(0, state.end)) + closing;
}
