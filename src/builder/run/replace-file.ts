import { linkSync, readdirSync, renameSync, rmSync, unlink } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The temporary file this process writes beside `target` before it replaces `target`: `<target>.<pid>.tmp`. */
export function temporaryPathFor(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

/**
 * Renames `temporary` over `target` in one step, so a reader, a second build at once or a crash sees the old
 * file or the new one, never half of one; when that fails, removes `temporary` and throws. The old file is
 * linked under `<target>.<pid>.old` first, so the rename frees none of its bytes (tens of MB for a build's
 * articles or cache, ~20 ms of the caller's time), and that name is unlinked on libuv's threads instead. A
 * process that exits before that unlink ran leaves it behind (the spool's clean-up removes such files).
 */
export function moveIntoPlace(temporary: string, target: string): void {
  const old = `${target}.${process.pid}.old`;
  let kept = false;
  try {
    rmSync(old, { force: true });
    linkSync(target, old);
    kept = true;
  } catch {
    // No old file (a first build), or a file system without hard links: the rename frees it then.
  }
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (kept) rmSync(old, { force: true });
    throw error;
  }
  if (kept) unlink(old, () => undefined);
}

/**
 * Removes the files a killed process left beside `target`, `<target>.<pid>.<ending>` for each ending given
 * (its temporary file, the old file moveIntoPlace had not unlinked yet…), unless that process still runs.
 */
export function removeLeftovers(target: string, endings: readonly string[] = ["tmp", "old"]): void {
  const folder = dirname(target);
  const prefix = `${basename(target)}.`;
  const leftover = new RegExp(`^(\\d+)\\.(?:${endings.join("|")})$`);
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const match = leftover.exec(name.slice(prefix.length));
    if (match && Number(match[1]) !== process.pid && !isRunning(Number(match[1]))) rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
