import { assetFingerprint } from "./asset-fingerprint";
import { FEED_STYLESHEET_MEDIA_TYPE, renderFeedStylesheet } from "./render-feed-stylesheet";
import type { StaticAsset } from "./serve-static-asset";
import { STYLE_SHEET, STYLE_SHEET_VERSION, styleSheetUrl } from "./style-sheet";

/** `/style.css`: the pages' one stylesheet. */
export const STYLE_SHEET_ASSET: StaticAsset = {
  body: STYLE_SHEET,
  contentType: "text/css; charset=utf-8",
  version: STYLE_SHEET_VERSION,
};

// One entry per public base (in practice one per isolate): the stylesheet's text depends only on it.
const feedStylesheets = new Map<string, StaticAsset>();

/** `/feed.xsl` for a public base URL: the XSLT that shows a feed as a page, linking the pages' stylesheet under `base`. */
export function feedStylesheetAsset(base: string): StaticAsset {
  let asset = feedStylesheets.get(base);
  if (asset === undefined) {
    const body = renderFeedStylesheet(styleSheetUrl(base));
    asset = { body, contentType: FEED_STYLESHEET_MEDIA_TYPE, version: assetFingerprint(body) };
    // Bases are few (SITE_URL, or the hosts a Worker answers on), but a bound keeps a flood of Host headers harmless.
    if (feedStylesheets.size >= 16) feedStylesheets.clear();
    feedStylesheets.set(base, asset);
  }
  return asset;
}
