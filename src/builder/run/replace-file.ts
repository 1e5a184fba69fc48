import { renameSync, rmSync } from "node:fs";

/** The temporary file this process writes beside `target` before it replaces `target`: `<target>.<pid>.tmp`. */
export function temporaryPathFor(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

/**
 * Renames `temporary` over `target` in one step, so a reader, a second build at once or a crash sees the old
 * file or the new one, never half of one; when that fails, removes `temporary` and throws.
 */
export function moveIntoPlace(temporary: string, target: string): void {
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
