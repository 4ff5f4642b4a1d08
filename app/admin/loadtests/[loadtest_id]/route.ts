import { getLoadTestEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { getLoadTest } from "@/server/services/loadtest/get-loadtest";

export const GET = handle(getLoadTestEndpoint, ({ actor, params }) => getLoadTest(actor, params.loadtest_id));
