// `npm run simulator`: runs the vLLM simulator as a process (a test double for a vLLM server
// with GPT-OSS, for development, benchmarks and the SLA load test on machines without a GPU).
import { parseSimulatorArgs, simulatorUsage } from "../simulator/cli-args";
import { startSimulator } from "../simulator/start-simulator";

function parse() {
  try {
    return parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${simulatorUsage}`);
    process.exit(2);
  }
}

async function main() {
  const config = parse();
  if (!config) {
    console.log(simulatorUsage);
    return;
  }
  const simulator = await startSimulator(config);
  const c = simulator.config;
  console.log(
    `hearth-vllm-simulator: a TEST DOUBLE for vLLM, not a model. Listening on ${simulator.url}\n` +
      `  models: ${c.models.join(", ")}; embeddings: ${c.embeddingModels.join(", ") || "none"}\n` +
      `  ttft ${c.ttftMs} ms + ${c.prefillMsPerToken} ms/prompt token, ${c.tokensPerSecond} tok/s per request, ` +
      `max batch ${c.maxBatch}, speed x${c.speed}\n` +
      `  OpenAI base URL: ${simulator.baseUrl}; stats: ${simulator.url}/sim/stats; faults: ${simulator.url}/sim/faults`,
  );
  const stop = () => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
