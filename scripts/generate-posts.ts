// Writes N deterministic, seed-like Hexo posts (Sina junk included) into a folder, for end-to-end checks
// and benchmarks. Usage: npm run generate -- --count 1000 --out .build/generated-1000 [--seed 1] [--image-origin URL]
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SINA_IMAGE_ORIGIN, generatePost } from "./support/generate-post";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    "image-origin": { type: "string", default: SINA_IMAGE_ORIGIN },
    help: { type: "boolean", default: false },
  },
});
if (values.help || !values.out) {
  console.log(
    "usage: npm run generate -- --count N --out DIR [--seed S] [--image-origin URL]\nWrites N seed-like posts into DIR (emptied first), their pictures on URL (default " +
      `${SINA_IMAGE_ORIGIN}, Sina's host).`,
  );
  process.exit(values.help ? 0 : 2);
}
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number, got ${values.count}`);
const out = values.out;
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const batch: Promise<void>[] = [];
for (let index = 0; index < count; index++) {
  const post = generatePost(index, seed, values["image-origin"].replace(/\/+$/, ""));
  batch.push(writeFile(join(out, post.fileName), post.text));
  if (batch.length >= 256) await Promise.all(batch.splice(0));
}
await Promise.all(batch);
console.log(`wrote ${count} posts to ${out}`);
