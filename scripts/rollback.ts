// `npm run rollback`: makes the previous kept generation live again with one KV write.
import { runRollbackCommand } from "../src/builder/publish/publish-command";

process.exitCode = await runRollbackCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
