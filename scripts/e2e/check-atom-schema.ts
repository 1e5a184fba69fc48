import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, runCommand } from "../support/run-command";

/** RFC 4287 Appendix B, the Atom schema in RELAX NG's compact syntax (test/fixtures/schemas/atom.rnc). */
export const ATOM_SCHEMA = join(ROOT, "test", "fixtures", "schemas", "atom.rnc");

// jing takes many documents in one run, and a run costs a JVM start (about half a second): so a few runs.
const DOCUMENTS_PER_RUN = 400;
// Debian's /usr/bin/jing (java-wrappers) reports optional jars it did not find before jing runs; those
// lines are about the wrapper, not about any document.
const WRAPPER_NOTICE = /^\[warning\] \S*jing: Unable to locate /;

/** One fetched document: where it came from and its bytes. */
export interface FetchedDocument {
  url: string;
  body: string;
}

/**
 * Validates Atom documents against RFC 4287's RELAX NG schema with Debian's jing (`jing -c`), writing each
 * to `folder` first. Returns `URL:line:column: message` for every message jing prints (any message fails),
 * none when every document is valid; a jing that cannot run, or that fails without saying why, is a problem too.
 */
export async function checkAtomSchema(documents: readonly FetchedDocument[], folder: string, schema: string = ATOM_SCHEMA): Promise<string[]> {
  const problems: string[] = [];
  const urlOfFile = new Map<string, string>();
  await Promise.all(
    documents.map(async (document, index) => {
      const file = join(folder, `atom-${index + 1}.xml`);
      urlOfFile.set(file, document.url);
      await writeFile(file, document.body);
    }),
  );
  const files = [...urlOfFile.keys()];
  for (let start = 0; start < files.length; start += DOCUMENTS_PER_RUN) {
    const batch = files.slice(start, start + DOCUMENTS_PER_RUN);
    let result;
    try {
      result = await runCommand("jing", ["-c", schema, ...batch], { timeoutMilliseconds: 5 * 60_000 });
    } catch (error) {
      return [`jing: cannot run (${(error as Error).message}): run scripts/install-test-tools.sh (Debian's jing)`];
    }
    const lines = result.output.split("\n").filter((line) => line.trim() !== "" && !WRAPPER_NOTICE.test(line));
    for (const line of lines) {
      // jing writes `FILE:LINE:COLUMN: error: MESSAGE`; name the URL instead of the temporary file.
      const file = batch.find((candidate) => line.startsWith(`${candidate}:`));
      problems.push(file === undefined ? `jing: ${line}` : `${urlOfFile.get(file)}${line.slice(file.length)}`);
    }
    if (result.code !== 0 && lines.length === 0) problems.push(`jing exited with ${result.code ?? "a timeout"} and said nothing (${batch.length} documents from ${urlOfFile.get(batch[0]!)})`);
  }
  return problems;
}
