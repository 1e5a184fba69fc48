// `node src/builder/run/run-compiled.ts ENTRY.ts [ARG…]`: runs a command's TypeScript entry compiled (see
// compileEntry), with ARG… as its arguments. Node runs this file and compile-entry.ts on its own type
// stripping, so nothing needs compiling before the compile. npm run build and its child process start here.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importCompiled } from "./compile-entry.ts";

const entry = process.argv[2];
if (entry === undefined) {
  console.error("usage: node src/builder/run/run-compiled.ts ENTRY.ts [ARG…]");
  process.exit(2);
}
// The entry sees itself as the script and its own arguments after it, as if Node had been given it.
process.argv.splice(1, 2, resolve(entry));
await importCompiled(pathToFileURL(resolve(entry)));
