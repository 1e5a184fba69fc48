import { describe, expect, it } from "vitest";
import { foldForSearch, isFoldStable } from "../../../src/worker/feeds/fold-for-search";

// Unicode's own list of what case folding or lowercasing changes, and the full-width letters and digits.
const CHANGES = /[\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/u;

/** Every code point that is NFC on its own, as a string. */
function* everyCharacter(): Generator<string> {
  for (let codePoint = 0; codePoint < 0x110000; codePoint++) {
    if (codePoint >= 0xd800 && codePoint < 0xe000) continue;
    const character = String.fromCodePoint(codePoint);
    if (character.normalize("NFC") === character) yield character;
  }
}

describe("foldForSearch", () => {
  it.each([
    { a: "Shanghai", b: "SHANGHAI", why: "ASCII case" },
    { a: "Zürich", b: "ZÜRICH", why: "Latin-1 case" },
    { a: "straße", b: "STRASSE", why: "ß folds to ss (full folding)" },
    { a: "STRAẞE", b: "strasse", why: "capital sharp s folds to ss too" },
    { a: "ΟΔΟΣ", b: "οδος", why: "final sigma folds as sigma does" },
    { a: "ſtock", b: "stock", why: "long s" },
    { a: "ﬁnance", b: "FINANCE", why: "a ligature folds to its letters" },
    { a: "МОСКВА", b: "москва", why: "Cyrillic" },
    { a: "Ꭰ", b: "ꭰ", why: "Cherokee, whose folding goes to the capitals" },
    { a: "𐐀", b: "𐐨", why: "Deseret, in an astral plane" },
    { a: "Ａ股", b: "a股", why: "full-width Latin letters" },
    { a: "５Ｇ网络", b: "5g网络", why: "full-width digits and letters" },
    { a: "ǰ", b: "J̌", why: "a mapping that decomposes is composed again" },
    { a: "ᾷ", b: "Α͂Ι", why: "a Greek letter whose capital is three code points" },
    { a: "i\u0307stanbul", b: "İSTANBUL", why: "dotted capital I, as i with a dot above (CaseFolding.txt)" },
  ])("folds $a and $b alike ($why)", ({ a, b }) => {
    expect(foldForSearch(a.normalize("NFC"))).toBe(foldForSearch(b.normalize("NFC")));
  });

  it.each([
    { a: "ss", b: "s", why: "different letters" },
    { a: "中国", b: "中國", why: "simplified and traditional characters are different text" },
    { a: "1", b: "①", why: "NFKC's other mappings are not taken" },
    { a: "，", b: ",", why: "full-width punctuation stays" },
    { a: "e", b: "é", why: "an accent is a different letter in NFC" },
  ])("keeps $a and $b apart ($why)", ({ a, b }) => {
    expect(foldForSearch(a)).not.toBe(foldForSearch(b));
  });

  it("returns text without a character folding changes as it is", () => {
    const text = "上海市促进科技成果转移转化行动方案（2021-2023年），lowercase english.";
    expect(foldForSearch(text)).toBe(text);
  });

  it("changes exactly the characters Unicode says case folding or lowercasing changes, and dotless ı", () => {
    const wrong: string[] = [];
    for (const character of everyCharacter()) {
      const folded = foldForSearch(character);
      const fullWidth = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(character);
      const expectedToChange = CHANGES.test(character) && (fullWidth || character.toUpperCase().toLowerCase() !== character);
      if (folded !== character !== expectedToChange && character !== "ı") wrong.push(character);
    }
    expect(wrong).toEqual([]);
    expect(foldForSearch("ı")).toBe("i");
  });

  it("folds every character as its lowercase and its uppercase, and folding twice changes nothing", () => {
    const wrong: string[] = [];
    for (const character of everyCharacter()) {
      const folded = foldForSearch(character);
      const variants = [folded, character.toLowerCase(), character.toUpperCase()].map((variant) => foldForSearch(variant.normalize("NFC")));
      if (variants.some((variant) => variant !== folded)) wrong.push(character);
    }
    expect(wrong).toEqual([]);
  });

  it("keeps surrogate pairs whole, cased or not", () => {
    expect(foldForSearch("𐐀🚀𠀀X")).toBe("𐐨🚀𠀀x");
  });
});

describe("isFoldStable", () => {
  it.each([
    { word: "股市", stable: true },
    { word: "新浪财经　要闻", stable: true },
    { word: "かな カナ", stable: false },
    { word: "カナ", stable: true },
    { word: "한국", stable: true },
    { word: "a股", stable: false },
    { word: "，", stable: false },
    { word: "5g", stable: false },
  ])("says $stable for $word", ({ word, stable }) => {
    expect(isFoldStable(foldForSearch(word))).toBe(stable);
  });
});
