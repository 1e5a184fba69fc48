import { hashParts } from "../../../src/builder/plan/hash-parts";
import { type GenerationPlan, planGeneration } from "../../../src/builder/plan/plan-generation";
import type { Article } from "../../../src/model/article";
import { makeArticle } from "../../support/make-article";

const SECTIONS = [["金融", "股票"], ["金融", "基金"], ["科技", "互联网"], ["财经", "宏观", "央行"], ["房产"]];

/** Article `number` with a category and tag that vary with it, so scopes overlap the way real ones do. */
export function variedArticle(number: number, overrides: Partial<Article> = {}): Article {
  return makeArticle(number, {
    categories: [SECTIONS[number % SECTIONS.length]!],
    tags: [`tag${number % 13}`],
    ...overrides,
  });
}

/** The plan for articles numbered `from` to `to - 1`, with `changed` rewording some of them. */
export function planOf(from: number, to: number, edited: ReadonlySet<number> = new Set()): GenerationPlan {
  const articles = Array.from({ length: to - from }, (_, index) => {
    const number = from + index;
    return variedArticle(number, edited.has(number) ? { title: `文章 ${number}（更正）` } : {});
  });
  return planGeneration(articles, hashParts);
}

/** A clock tests move by hand; `sleep` advances it instead of waiting and records how long. */
export function manualClock(start = "2026-11-01T00:00:00Z") {
  let time = Date.parse(start);
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(time),
    sleep: async (milliseconds: number) => {
      slept.push(milliseconds);
      time += milliseconds;
    },
    advance(seconds: number) {
      time += seconds * 1000;
    },
  };
}
