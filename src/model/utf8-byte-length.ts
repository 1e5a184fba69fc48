/** The length of `text` in UTF-8 bytes, as KV counts keys and values, without encoding it (any runtime). */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 units
      index++;
    } else bytes += 2; // 3 bytes (a lone surrogate is written as U+FFFD, also 3)
  }
  return bytes;
}
