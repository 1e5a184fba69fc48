import { createRequire } from "node:module";

/** The part of js-yaml 3 (gray-matter's own YAML parser) that we call. */
interface JsYaml {
  load(text: string, options: { schema: unknown; filename?: string }): unknown;
  CORE_SCHEMA: unknown;
}

let loaded: JsYaml | undefined;

/**
 * The very js-yaml that gray-matter depends on, so we parse YAML exactly as it does without a new dependency;
 * loaded on first use: a build of a plain folder of posts parses no YAML on its main thread, where loading it
 * (esprima with it) took 40-47 ms through tsx and 13-16 ms without, before the build's workers could start.
 */
function jsYaml(): JsYaml {
  if (loaded === undefined) {
    const requireFromGrayMatter = createRequire(createRequire(import.meta.url).resolve("gray-matter"));
    loaded = requireFromGrayMatter("js-yaml") as JsYaml;
  }
  return loaded;
}

/**
 * YAML without the timestamp type: js-yaml's default schema turns `2021-06-11 12:19:02` into a Date read as
 * UTC, which would shift every offset-less date by eight hours for a Beijing site. CORE_SCHEMA (YAML 1.2 core:
 * null, booleans, numbers, strings) keeps timestamps as the text the author wrote, for parsePostDate to read.
 */
export function parseYaml(text: string): object {
  const yaml = jsYaml();
  return yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object;
}

/** A js-yaml type the core schema resolves plain scalars with (null, bool, int, float). */
interface ImplicitType {
  resolve(text: string): boolean;
  construct(text: string): unknown;
}

/**
 * A plain (unquoted) scalar's value as js-yaml's core schema makes it: the first of the schema's implicit
 * types that resolves the text constructs it (js-yaml's composeNode does the same), else it is the text.
 */
export function resolvePlainScalar(text: string): unknown {
  const types = (jsYaml().CORE_SCHEMA as { compiledImplicit: ImplicitType[] }).compiledImplicit;
  for (const type of types) if (type.resolve(text)) return type.construct(text);
  return text;
}
