/**
 * The token of a proxied image: HMAC-SHA-256 under IMAGE_PROXY_SECRET of the upstream URL, its first 128
 * bits in base64url (22 characters). Only the Worker, which makes tokens for the images its articles show,
 * can make one, and a guess has one chance in 2^128.
 */
export async function imageToken(key: CryptoKey, upstreamUrl: string): Promise<string> {
  // The version in the signed text lets a later scheme never accept this one's tokens for other URLs.
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`edgefeed image v1\n${upstreamUrl}`)));
  let binary = "";
  for (const byte of mac.subarray(0, TOKEN_BYTES)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Whether `token` is the token of `upstreamUrl`, compared in constant time (a timing difference would leak a valid prefix). */
export async function isImageToken(key: CryptoKey, upstreamUrl: string, token: string): Promise<boolean> {
  if (!TOKEN_PATTERN.test(token)) return false;
  const expected = await imageToken(key, upstreamUrl);
  let difference = 0;
  for (let index = 0; index < expected.length; index++) difference |= expected.charCodeAt(index) ^ token.charCodeAt(index);
  return difference === 0;
}

const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const encoder = new TextEncoder();
