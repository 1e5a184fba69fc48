import type { Article } from "../../src/model/article";
import { makeArticle } from "./make-article";

/**
 * A fresh small site for Worker tests: `count` articles (a0001 oldest) in 金融 › 新浪财经; every third
 * also tagged 股市; a0005 also in the Latin category Café › Crème (NFC), so NFD requests can be tried.
 */
export function siteArticles(count = 45): Article[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const categories = [["金融", "新浪财经"]];
    if (number === 5) categories.push(["Café", "Crème"]);
    return makeArticle(number, { categories, tags: number % 3 === 0 ? ["股市"] : [] });
  });
}
