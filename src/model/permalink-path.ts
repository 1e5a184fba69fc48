/**
 * A URL path as the permalink index keys it: percent-decoded, NFC, without `index.html` and with one
 * trailing slash on a folder path, so `/2024/05/01/%E4%BD%A0%E5%A5%BD/index.html` and `/2024/05/01/你好`
 * name the same post. A path that does not decode is kept as it is.
 */
export function permalinkPath(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  path = path.normalize("NFC").replace(/\/index\.html?$/i, "/");
  if (!path.startsWith("/")) path = `/${path}`;
  return /\.[A-Za-z0-9]+$/.test(path) || path.endsWith("/") ? path : `${path}/`;
}
