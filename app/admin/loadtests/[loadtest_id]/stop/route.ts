import { stopLoadTestEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { stopLoadTest } from "@/server/services/loadtest/stop-loadtest";

export const POST = handle(stopLoadTestEndpoint, ({ actor, params }) =>
  stopLoadTest(actor, params.loadtest_id),
);
