// How Hearth opens connections to backends added in the console or the API: every new connection
// resolves the host, checks each resolved address against the instance's allowlist (see
// backend-hosts.ts) and connects only to checked addresses, so a host name that later resolves
// somewhere else (DNS rebinding) is refused at connect time, not only when the backend was saved.
// The engine's own agent and the health probes' shared agent both connect through it. Backends the
// deployer set in the environment do not (see deployer-backends.ts). Redirects are never followed:
// undici's request() does not, and nothing here adds a redirect interceptor.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { env } from "../../env";
import { findInstanceSettingsRow } from "../settings/instance-settings";
import { connectionRefusal, DEFAULT_BACKEND_ALLOWED_HOSTS } from "./backend-hosts";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (the system resolver, unless a test set another). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, order: "verbatim" });

const globals = globalThis as unknown as { hearthHostResolver?: HostResolver; hearthProbeAgent?: Agent };

/** Replaces DNS resolution for backend hosts (tests: a name that resolves to a metadata address). */
export function setHostResolver(resolver: HostResolver | null): void {
  globals.hearthHostResolver = resolver ?? undefined;
}

export function resolveHost(hostname: string): Promise<ResolvedAddress[]> {
  return (globals.hearthHostResolver ?? systemResolver)(hostname);
}

/** The instance's backend host allowlist now (read through the settings' short-lived cache). */
export async function backendAllowedHosts(): Promise<readonly string[]> {
  return (await findInstanceSettingsRow())?.backendAllowedHosts ?? DEFAULT_BACKEND_ALLOWED_HOSTS;
}

/** A connection the allowlist refused: the reason names the host and address, never a key. */
export class HostRefusedError extends Error {
  override name = "HostRefusedError";
  readonly code = "HEARTH_HOST_REFUSED";
}

/** The addresses Hearth may connect to for `hostname`, or a HostRefusedError. */
export async function allowedAddresses(hostname: string): Promise<ResolvedAddress[]> {
  const family = isIP(hostname);
  const addresses = family ? [{ address: hostname, family }] : await resolveHost(hostname);
  const refusal = connectionRefusal(
    hostname,
    addresses.map((entry) => entry.address),
    await backendAllowedHosts(),
  );
  if (refusal) throw new HostRefusedError(`The connection was refused: ${refusal}`);
  return addresses;
}

/** net.connect's `lookup`: answers only with checked addresses, in the shape it asked for. */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  allowedAddresses(hostname).then(
    (resolved) => {
      const wanted = resolved.filter((entry) => !options.family || entry.family === options.family);
      const first = wanted[0];
      if (!first) {
        callback(new HostRefusedError(`${hostname} has no address of the family asked for`), "", 0);
      } else if (options.all) {
        (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, wanted);
      } else {
        callback(null, first.address, first.family);
      }
    },
    (error: NodeJS.ErrnoException) => callback(error, "", 0),
  );
};

/**
 * undici's connector with the allowlist applied: host names through the checked lookup, IP
 * literals (which net.connect does not look up) checked before connecting.
 */
export function checkedConnector(options: { timeout: number }): buildConnector.connector {
  const connect = buildConnector({ timeout: options.timeout, lookup: checkedLookup });
  return (target, callback) => {
    if (!isIP(target.hostname)) {
      connect(target, callback);
      return;
    }
    allowedAddresses(target.hostname).then(
      () => connect(target, callback),
      (error: Error) => callback(error, null),
    );
  };
}

/** The health probes' agent for backends under the allowlist (one, shared: it pools per origin). */
export function probeAgent(): Agent {
  globals.hearthProbeAgent ??= new Agent({
    connect: checkedConnector({ timeout: env.HEARTH_HEALTH_TIMEOUT_MS }),
    keepAliveTimeout: 10_000,
  });
  return globals.hearthProbeAgent;
}
