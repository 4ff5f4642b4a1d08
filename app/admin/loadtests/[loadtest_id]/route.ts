import { getLoadTestEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { getLoadTest } from "@/server/services/loadtest/get-loadtest";

export const GET = handle(getLoadTestEndpoint, ({ actor, params }) => getLoadTest(actor, params.loadtest_id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
