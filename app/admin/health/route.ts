import { adminHealthEndpoint } from "@/server/http/endpoints/system";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { checkAdminHealth } from "@/server/services/system/check-admin-health";

export const dynamic = "force-dynamic";

export const GET = handle(adminHealthEndpoint, ({ actor }) => checkAdminHealth(actor));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
