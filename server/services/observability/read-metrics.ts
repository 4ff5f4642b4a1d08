import { timingSafeEqual } from "node:crypto";
import { env } from "../../env";
import { AppError } from "../../errors";
import { renderMetrics } from "./metrics";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The metrics in Prometheus' text format; with HEARTH_METRICS_TOKEN set, only for that bearer. */
export async function readMetrics(
  authorization: string | null,
  token: string | undefined = env.HEARTH_METRICS_TOKEN,
): Promise<{ contentType: string; body: string }> {
  if (token) {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
    if (!given || !sameSecret(given, token)) {
      throw new AppError("UNAUTHORIZED", "GET /metrics needs `Authorization: Bearer <HEARTH_METRICS_TOKEN>`");
    }
  }
  return renderMetrics();
}
