import { listLoadTestsEndpoint, startLoadTestEndpoint } from "@/server/http/endpoints/loadtests";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listLoadTests } from "@/server/services/loadtest/get-loadtest";
import { startLoadTest } from "@/server/services/loadtest/start-loadtest";

export const GET = handle(listLoadTestsEndpoint, ({ actor, query }) => listLoadTests(actor, query));

export const POST = handle(startLoadTestEndpoint, ({ actor, body }) => startLoadTest(actor, body));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
