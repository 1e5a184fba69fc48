import { describe, expect, it } from "vitest";
import { hexoPermalink, type PermalinkPost } from "../../../src/builder/post/hexo-permalink";
import { slugize } from "../../../src/model/slugize";

const SITE = { url: "https://blog.example.org", pattern: ":year/:month/:day/:title/" };
const post = (fields: Partial<PermalinkPost> = {}): PermalinkPost => ({
  relativePath: "hello-world.md",
  title: "Hello World",
  published: "2024-05-01T08:00:00Z",
  categories: [],
  ...fields,
});

describe("hexoPermalink", () => {
  it.each([
    { name: "Hexo's default pattern", fields: {}, settings: {}, expected: "https://blog.example.org/2024/05/01/hello-world/" },
    { name: "the date in the site's time zone, not UTC", fields: { published: "2024-12-31T23:30:00Z" }, settings: {}, expected: "https://blog.example.org/2025/01/01/hello-world/" },
    { name: "a sub-folder of _posts in the slug", fields: { relativePath: "2024/hello-world.md" }, settings: {}, expected: "https://blog.example.org/2024/05/01/2024/hello-world/" },
    { name: "front matter slug", fields: { slug: "hi" }, settings: {}, expected: "https://blog.example.org/2024/05/01/hi/" },
    { name: "front matter permalink", fields: { permalink: "about/me/" }, settings: {}, expected: "https://blog.example.org/about/me/" },
    { name: "a new_post_name with the date in the file name", fields: { relativePath: "2024-05-01-hello-world.md" }, settings: { newPostName: ":year-:month-:day-:title.md" }, expected: "https://blog.example.org/2024/05/01/hello-world/" },
    { name: ":i_month, :i_day, :hour and :minute", fields: { published: "2024-01-05T08:07:00Z" }, settings: { pattern: ":year/:i_month/:i_day/:hour:minute-:name.html" }, expected: "https://blog.example.org/2024/1/5/0907-hello-world.html" },
    { name: ":category, the last category's slug", fields: { categories: [["Programming", "Java Script"]] }, settings: { pattern: ":category/:title/" }, expected: "https://blog.example.org/Java-Script/hello-world/" },
    { name: ":category without one", fields: {}, settings: { pattern: ":category/:title/" }, expected: "https://blog.example.org/uncategorized/hello-world/" },
    { name: ":post_title, the title slugized and lowercased", fields: {}, settings: { pattern: "posts/:post_title/" }, expected: "https://blog.example.org/posts/hello-world/" },
    { name: "a site in a sub-folder", fields: {}, settings: { url: "https://example.org/blog" }, expected: "https://example.org/blog/2024/05/01/hello-world/" },
    { name: "a non-ASCII slug, percent-encoded", fields: { relativePath: "你好.md" }, settings: {}, expected: "https://blog.example.org/2024/05/01/%E4%BD%A0%E5%A5%BD/" },
  ])("makes $name (Berlin time: UTC+1 in winter, +2 in summer)", ({ fields, settings, expected }) => {
    expect(hexoPermalink(post(fields), { ...SITE, ...settings }, "Europe/Berlin")).toBe(expected);
  });
});

describe("slugize", () => {
  it("turns whitespace and punctuation into single hyphens, as hexo-util does", () => {
    expect(slugize("  Tag plugins: code, quotes & links! ")).toBe("Tag-plugins-code-quotes-links");
    expect(slugize("Hello World", true)).toBe("hello-world");
    expect(slugize("金融 新浪")).toBe("金融-新浪");
  });
});

describe("hexoPermalink's time zone", () => {
  it("writes the date in the zone Hexo ran in when it is given, as hexo generate does under TZ", () => {
    const newYear = post({ published: "2024-12-31T23:30:00Z" });
    expect(hexoPermalink(newYear, { ...SITE, timeZone: "UTC" }, "Europe/Berlin")).toBe("https://blog.example.org/2024/12/31/hello-world/");
    expect(hexoPermalink(newYear, SITE, "Europe/Berlin")).toBe("https://blog.example.org/2025/01/01/hello-world/");
  });
});
