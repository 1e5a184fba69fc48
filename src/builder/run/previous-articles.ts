import { closeSync, fstatSync, openSync } from "node:fs";
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
    return new PreviousArticles(path, fd, fstatSync(fd).size);
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
