import { expect } from "vitest";

/**
 * The one golden-file mechanism: Vitest's file snapshot. `actual` must equal the file at `path` byte for byte;
 * a missing file fails the test (vitest.config.ts sets `update: "none"`), and `npx vitest run -u` rewrites
 * the files of an intended change, whose diff is then read like code.
 */
export async function matchGolden(actual: string, path: string): Promise<void> {
  await expect(actual).toMatchFileSnapshot(path);
}

/** matchGolden for a value kept as JSON: pretty-printed (two spaces, a final newline), so a diff reads line by line. */
export async function matchJsonGolden(value: unknown, path: string): Promise<void> {
  await matchGolden(`${JSON.stringify(value, null, 2)}\n`, path);
}
