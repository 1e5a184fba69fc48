import { readSync } from "node:fs";

/**
 * Reads exactly `length` bytes of the open file `fd` from `offset`, looping over short reads, into a new
 * buffer or into `target` at `at`; returns the bytes read. Throws, naming `path`, when the file ends first
 * (it was cut short since its offsets were taken), rather than leave whatever memory it was given.
 */
export function readBytesAt(fd: number, path: string, offset: number, length: number, target?: Buffer, at = 0): Buffer {
  const bytes = target ?? Buffer.allocUnsafe(length);
  for (let read = 0; read < length; ) {
    const count = readSync(fd, bytes, at + read, length - read, offset + read);
    if (count === 0) throw new Error(`${path} ends before the ${length} bytes at byte ${offset} (was it changed meanwhile?)`);
    read += count;
  }
  return bytes;
}
