// The child process of buildInChildProcess: takes the build's options as its first message, builds and
// saves the articles, sends each reported line and then the result, and exits.
import { buildAndSaveArticles } from "./build-and-save";
import type { BuildChildMessage } from "./build-in-child-process";
import type { BuildOnlyOptions } from "./build-options";

const send = (message: BuildChildMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, undefined, {}, (failure) => (failure ? reject(failure) : resolve())));

if (process.send === undefined) {
  console.error("build-child: run by buildInChildProcess only (it needs an IPC channel)");
  process.exit(2);
}
process.once("message", (options: BuildOnlyOptions) => {
  void (async () => {
    const built = await buildAndSaveArticles(
      options,
      (line) => void send({ kind: "log", line }),
      (line) => void send({ kind: "error", line }),
    );
    // Messages go in the order sent: the lines are all out once the result is.
    await send({ kind: "done", built: built ?? null });
    process.exit(0);
  })();
});
