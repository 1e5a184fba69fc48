import { GENERIC_RULES, PRESENTATION_ATTRIBUTES, type SiteRules } from "../site-rules";

/** Sina Finance (finance.sina.com.cn and the sina.cn mobile site): the seed's source. */
export const SINA_RULES: SiteRules = {
  name: "sina",
  hosts: ["sina.com.cn", "sina.cn"],
  removeSelectors: [
    ...GENERIC_RULES.removeSelectors,
    // "海量资讯、精准解读，尽在新浪财经APP": the QR-code promotion at the end of every article.
    ".appendQr_wrap",
    // Share bars, stock quote widgets and "related reading" boxes Sina sometimes leaves in the body.
    ".article-notice",
    ".finance_app_zqtg",
    ".hqimg_wrapper",
    "#left_hzh_ad",
  ],
  dropAttributes: [...PRESENTATION_ATTRIBUTES, "cms-style", "data-sudaclick"],
  dropAttributesExceptOnImages: ["width", "height"],
  // Sina's editor marks bold runs as `<font cms-style="strong-Bold">`; the meaning is strong emphasis.
  renameElements: [{ selector: 'font[cms-style="strong-Bold"]', to: "strong" }],
  unwrapTags: GENERIC_RULES.unwrapTags,
  figures: [{ wrapperSelector: ".img_wrapper", captionSelector: ".img_descr" }],
  imageSourceAttributes: GENERIC_RULES.imageSourceAttributes,
  editor: { selector: ".article-editor, p", pattern: /^\s*责任编辑\s*[：:]\s*(\S(?:.*\S)?)\s*$/su },
  summarySkipLines: GENERIC_RULES.summarySkipLines,
  // Sina's image hosts refuse requests that carry a foreign Referer.
  imageReferrerPolicy: "no-referrer",
};
