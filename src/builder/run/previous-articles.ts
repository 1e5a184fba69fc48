import { closeSync, fstatSync, openSync, statSync } from "node:fs";
import { readBytesAt } from "../plan/read-bytes-at";

/**
 * The articles file an earlier build saved, open for reading: the build cache keeps where each article's line
 * is in it instead of a copy of the line (see BuildCache), and a rebuild copies those lines from here into
 * the file it saves. Opened before the build replaces the file, so it reads the earlier file whatever the
 * build renames over its path.
 */
export class PreviousArticles {
  private fd: number | undefined;

  private constructor(
    /** The file's path (where the build saves its own articles file too). */
    readonly path: string,
    fd: number,
    /** The file's size in bytes when it was opened. */
    readonly size: number,
    /** Its device and inode (fileIdentity): what tells it from a file another build saved at the same path since. */
    readonly identity: string,
  ) {
    this.fd = fd;
  }

  /** Opens `path`; undefined when it cannot be opened. */
  static open(path: string): PreviousArticles | undefined {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch {
      return undefined;
    }
    try {
      const stat = fstatSync(fd, { bigint: true });
      return new PreviousArticles(path, fd, Number(stat.size), fileIdentity(stat));
    } catch {
      closeSync(fd);
      return undefined;
    }
  }

  /** Whether `path` still names this file, unchanged since it was opened (no other build saved over it). */
  isAt(path: string): boolean {
    const stat = statAt(path);
    return stat !== undefined && fileIdentity(stat) === this.identity && Number(stat.size) === this.size;
  }

  /** The `length` bytes at `offset`; throws when the file was closed or ends first. */
  read(offset: number, length: number): Buffer {
    if (this.fd === undefined) throw new Error(`${this.path}: read after the build cache closed it`);
    return readBytesAt(this.fd, this.path, offset, length);
  }

  /** Closes the file (reading it again then throws); closing twice does nothing. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A file's device and inode as one string, from a stat with bigint fields. */
export function fileIdentity(stat: { dev: bigint; ino: bigint }): string {
  return `${stat.dev}:${stat.ino}`;
}

/** The identity (fileIdentity) of the file at `path`, undefined when there is none. */
export function identityAt(path: string): string | undefined {
  const stat = statAt(path);
  return stat === undefined ? undefined : fileIdentity(stat);
}

function statAt(path: string): { dev: bigint; ino: bigint; size: bigint } | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}
