import type { StaticAsset } from "./serve-static-asset";
import { STYLE_SHEET, STYLE_SHEET_VERSION } from "./style-sheet";

/** `/style.css`: the pages' one stylesheet. */
export const STYLE_SHEET_ASSET: StaticAsset = {
  body: STYLE_SHEET,
  contentType: "text/css; charset=utf-8",
  version: STYLE_SHEET_VERSION,
};
