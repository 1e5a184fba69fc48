import { describe, expect, it } from "vitest";
import { imageToken, isImageToken } from "../../../src/worker/images/image-token";

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

const URL_A = "https://n.sinaimg.cn/a.png";

describe("imageToken", () => {
  it("is 22 base64url characters, the same for the same key and URL", async () => {
    const secret = await key("x".repeat(32));
    const token = await imageToken(secret, URL_A);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await imageToken(secret, URL_A)).toBe(token);
  });

  it("is HMAC-SHA-256 of the versioned URL, cut to 128 bits", async () => {
    const secret = "y".repeat(32);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), new TextEncoder().encode(`edgefeed image v1\n${URL_A}`)));
    const expected = btoa(String.fromCharCode(...mac.subarray(0, 16))).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    expect(await imageToken(await key(secret), URL_A)).toBe(expected);
  });

  it("differs with the URL and with the key", async () => {
    const first = await key("x".repeat(32));
    const second = await key("z".repeat(32));
    expect(await imageToken(first, URL_A)).not.toBe(await imageToken(first, "https://n.sinaimg.cn/b.png"));
    expect(await imageToken(first, URL_A)).not.toBe(await imageToken(second, URL_A));
    expect(await imageToken(first, URL_A)).not.toBe(await imageToken(first, "http://n.sinaimg.cn/a.png"));
  });
});

describe("isImageToken", () => {
  it("accepts the URL's token and nothing else", async () => {
    const secret = await key("x".repeat(32));
    const token = await imageToken(secret, URL_A);
    expect(await isImageToken(secret, URL_A, token)).toBe(true);
    expect(await isImageToken(secret, "https://n.sinaimg.cn/b.png", token)).toBe(false);
    expect(await isImageToken(secret, URL_A, `${token.slice(0, 21)}${token[21] === "A" ? "B" : "A"}`)).toBe(false);
    expect(await isImageToken(secret, URL_A, token.slice(0, 21))).toBe(false);
    expect(await isImageToken(secret, URL_A, `${token}A`)).toBe(false);
    expect(await isImageToken(secret, URL_A, "")).toBe(false);
  });
});
