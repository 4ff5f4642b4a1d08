import { z } from "zod";
import {
  listLoadTestsQuerySchema,
  loadTestIdParamsSchema,
  loadTestListSchema,
  loadTestReportQuerySchema,
  loadTestSchema,
  startLoadTestInputSchema,
} from "../../schemas/loadtest";
import { defineEndpoint } from "../endpoint";

const tag = "Load tests (admin)";
const auth = ["UNAUTHORIZED", "FORBIDDEN"] as const;

export const startLoadTestEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/loadtests",
  summary: "Start an SLA load test",
  description:
    "Runs the scenario in the background: for each user level, that many virtual users each send a question to " +
    "the assistant's public `ask` or `stream` endpoint, wait for the whole answer, think, and ask again, for the " +
    "duration or number of requests given. The users authenticate with a runtime key made for the run and deleted " +
    "when it ends. One load test runs at a time (409 otherwise). The answer is the `queued` run: follow it with " +
    "`GET /admin/loadtests/{loadtest_id}`.",
  tag,
  auth: "admin",
  body: startLoadTestInputSchema,
  response: loadTestSchema,
  status: 201,
  errors: [
    ...auth,
    "INVALID_INPUT",
    "UNSUPPORTED_MEDIA_TYPE",
    "PAYLOAD_TOO_LARGE",
    "ASSISTANT_DISABLED",
    "CONFLICT",
  ],
});

export const listLoadTestsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/loadtests",
  summary: "List load tests",
  description: "Newest first, with each run's per-level results and verdicts.",
  tag,
  auth: "admin",
  query: listLoadTestsQuerySchema,
  response: loadTestListSchema,
  errors: [...auth, "INVALID_INPUT"],
});

export const getLoadTestEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/loadtests/{loadtest_id}",
  summary: "Get a load test",
  description:
    "Its status, scenario, what served it (and whether that was the vLLM simulator), and per user level: response " +
    "time average and percentiles, time to first token, tokens per second, errors by class, throughput, goodput " +
    "and the SLA verdict. A running level shows its figures so far (refreshed every 2 seconds).",
  tag,
  auth: "admin",
  params: loadTestIdParamsSchema,
  response: loadTestSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const stopLoadTestEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/loadtests/{loadtest_id}/stop",
  summary: "Stop a load test",
  description:
    "Requests in flight are dropped and the running level keeps its figures so far; the run ends `stopped`. " +
    "Stopping a finished run changes nothing.",
  tag,
  auth: "admin",
  params: loadTestIdParamsSchema,
  response: loadTestSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const loadTestReportEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/loadtests/{loadtest_id}/report",
  summary: "Export a load test report (Markdown, CSV or JSON)",
  description:
    "The comparative results table, the SLA compliance table and the four charts' series, for this run and the " +
    "runs named in `compare`, side by side. `format=md` (default): Markdown with Mermaid charts; `format=csv`: " +
    "`text/csv`, one row per run and user level; `format=json`: `application/json`, the LoadTestReport object.",
  tag,
  auth: "admin",
  params: loadTestIdParamsSchema,
  query: loadTestReportQuerySchema,
  response: z.string().meta({ description: "The report file (see the description for each format)." }),
  contentType: "text/markdown",
  errors: [...auth, "NOT_FOUND", "INVALID_INPUT"],
});
