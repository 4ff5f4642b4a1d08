import { versionEndpoint } from "@/server/http/endpoints/system";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { getVersion } from "@/server/services/system/get-version";

export const dynamic = "force-dynamic";

export const GET = handle(versionEndpoint, () => getVersion());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
