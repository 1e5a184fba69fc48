import { describe, expect, it } from "vitest";
import { sniffImageType } from "../../../src/worker/images/sniff-image-type";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...new TextEncoder().encode(part)] : part)));

describe("sniffImageType", () => {
  it.each([
    ["PNG", bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13]), "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg"],
    ["GIF87a", bytes("GIF87a", [1, 0]), "image/gif"],
    ["GIF89a", bytes("GIF89a", [1, 0]), "image/gif"],
    ["WebP (lossy)", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["WebP (lossless)", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8L"), "image/webp"],
    ["AVIF (major brand)", bytes([0, 0, 0, 28], "ftypavif", [0, 0, 0, 0], "mif1miaf"), "image/avif"],
    ["AVIF (compatible brand)", bytes([0, 0, 0, 28], "ftypmif1", [0, 0, 0, 0], "miafavis"), "image/avif"],
    ["BMP", bytes("BM", [0x3a, 0, 0, 0, 0, 0, 0, 0], new Array(20).fill(0)), "image/bmp"],
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"],
    ["SVG after a BOM, a declaration, a comment and a doctype", bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg>'), "image/svg+xml"],
  ])("recognises %s", (_name, input, type) => {
    expect(sniffImageType(input)).toBe(type);
  });

  it.each([
    ["nothing", bytes()],
    ["an HTML page", bytes("<!doctype html><html><script>alert(1)</script>")],
    ["a script", bytes("alert(1)")],
    ["JSON", bytes('{"error":"not found"}')],
    ["half a PNG signature", bytes([0x89], "PNG")],
    ["an MP4 (ftyp, but no image brand)", bytes([0, 0, 0, 24], "ftypisom", [0, 0, 2, 0], "isomiso2")],
    ["a WAVE file (RIFF, but not WebP)", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt ")],
    ["an SVG with an internal DTD subset (entity declarations)", bytes('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>')],
    ["HTML that holds an SVG", bytes("<html><svg></svg></html>")],
    ["an element named svgx", bytes("<svgx/>")],
  ])("refuses %s", (_name, input) => {
    expect(sniffImageType(input)).toBeUndefined();
  });
});
