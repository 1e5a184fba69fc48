import { readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import { PublishError } from "../../report/publish-error";

/** The placeholder wrangler.toml ships with until `wrangler kv namespace create` gives a real id. */
const PLACEHOLDER_ID = /^0+$/;

/** The `[[kv_namespaces]]` entry of wrangler.toml bound as `binding`, or undefined when there is none. */
async function readNamespaceEntry(configPath: string, binding: string): Promise<Record<string, unknown> | undefined> {
  let config: Record<string, unknown>;
  try {
    config = parse(await readFile(configPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new PublishError(`${configPath}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const namespaces = Array.isArray(config.kv_namespaces) ? (config.kv_namespaces as Record<string, unknown>[]) : [];
  return namespaces.find((namespace) => namespace.binding === binding);
}

/** The id of the KV namespace bound as `binding` in wrangler.toml; throws a clear error when there is none. */
export async function readNamespaceId(configPath: string, binding = "FEEDS"): Promise<string> {
  const id = (await readNamespaceEntry(configPath, binding))?.id;
  if (typeof id !== "string" || id.trim() === "") {
    throw new PublishError(`${configPath}: no [[kv_namespaces]] entry with binding = "${binding}" and an id`);
  }
  if (PLACEHOLDER_ID.test(id)) {
    throw new PublishError(
      `${configPath}: the ${binding} namespace id is still the placeholder; run \`npx wrangler kv namespace create ${binding}\` and put the id it prints in wrangler.toml`,
    );
  }
  return id;
}

/**
 * The id `wrangler dev` gives the local namespace bound as `binding`: the entry's `id` (the placeholder
 * too), or the binding's name when it has none, as wrangler's kvNamespaceEntry does. Local state is kept
 * per id, so this is what makes a local publish land where `wrangler dev` reads.
 */
export async function readLocalNamespaceId(configPath: string, binding = "FEEDS"): Promise<string> {
  const entry = await readNamespaceEntry(configPath, binding);
  if (entry === undefined) throw new PublishError(`${configPath} has no KV namespace bound as ${binding}`);
  return typeof entry.id === "string" ? entry.id : binding;
}
