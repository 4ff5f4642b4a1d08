import { env } from "../../env";

/**
 * Where virtual users send requests: HEARTH_LOADTEST_TARGET_URL, or this server on loopback
 * (HOST and PORT), so that a run measures Hearth itself and not the network in front of it.
 */
export function loadTestTargetUrl(): string {
  if (env.HEARTH_LOADTEST_TARGET_URL) return env.HEARTH_LOADTEST_TARGET_URL.replace(/\/+$/, "");
  const host =
    env.HOST === "0.0.0.0"
      ? "127.0.0.1"
      : env.HOST === "::"
        ? "[::1]"
        : env.HOST.includes(":")
          ? `[${env.HOST}]`
          : env.HOST;
  return `http://${host}:${env.PORT}`;
}
