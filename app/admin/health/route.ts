import { adminHealthEndpoint } from "@/server/http/endpoints/system";
import { handle } from "@/server/http/handle";
import { checkAdminHealth } from "@/server/services/system/check-admin-health";

export const dynamic = "force-dynamic";

export const GET = handle(adminHealthEndpoint, ({ actor }) => checkAdminHealth(actor));
