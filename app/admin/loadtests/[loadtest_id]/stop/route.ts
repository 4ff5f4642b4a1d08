import { stopLoadTestEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { stopLoadTest } from "@/server/services/loadtest/stop-loadtest";

export const POST = handle(stopLoadTestEndpoint, ({ actor, params }) =>
  stopLoadTest(actor, params.loadtest_id),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
