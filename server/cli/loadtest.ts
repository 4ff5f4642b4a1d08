// `npm run loadtest -- --assistant <id> ...`: an SLA load test of a running Hearth (see
// loadtest/run-cli.ts and `--help`). Exit code: 0 SLA met, 1 not met, 2 usage error or no verdict.
import { env } from "../env";
import { runLoadTestCli } from "./loadtest/run-cli";

const interrupt = new AbortController();
process.once("SIGINT", () => interrupt.abort());

const code = await runLoadTestCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  defaults: { url: env.publicUrl, key: env.HEARTH_API_KEY ?? env.HEARTH_MASTER_KEY },
  interrupt: interrupt.signal,
});
process.exit(code);
