// Where alert webhooks may connect. Webhooks normally go out to the internet (Slack, Teams, an
// on-call service), the opposite of backends, so the rule is reversed: public addresses are
// allowed; private and loopback ones only when HEARTH_ALERT_WEBHOOK_HOSTS lists them (in the
// backend allowlist's grammar); link-local (cloud metadata), multicast and unspecified addresses
// never. As for backends (gateway/backend-connector.ts), the check runs at connect time on every
// address the name resolved to, so a name re-pointed later (DNS rebinding) is refused too, and
// redirects are never followed.
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { env } from "../../env";
import { parseAddress } from "../../schemas/backend-allowlist";
import { resolveHost, type ResolvedAddress } from "../gateway/backend-connector";
import { connectionRefusal, neverAllowedReason } from "../gateway/backend-hosts";

/** A connection to a webhook that the rules above refused; its message names host and address. */
export class WebhookHostRefusedError extends Error {
  override name = "WebhookHostRefusedError";
  /** The code describeConnectionFailure (gateway/health/probe-backend.ts) passes through as is. */
  readonly code = "HEARTH_HOST_REFUSED";
}

/** Why a webhook may not connect to `hostname` at `addresses`, or null. Pure. */
export function webhookRefusal(
  hostname: string,
  addresses: readonly string[],
  allowed: readonly string[],
): string | null {
  if (addresses.length === 0) return `${hostname} did not resolve to any address`;
  for (const address of addresses) {
    const never = neverAllowedReason(address);
    if (never) return `${hostname} resolves to ${address}, ${never}, which webhooks may never use`;
  }
  const nonPublic = addresses.filter((address) => parseAddress(address)?.range() !== "unicast");
  if (nonPublic.length === 0 || connectionRefusal(hostname, nonPublic, allowed) === null) return null;
  const where = hostname === nonPublic[0] ? hostname : `${hostname} resolves to ${nonPublic[0]}, which`;
  return `${where} is not a public address; list it in HEARTH_ALERT_WEBHOOK_HOSTS to allow it`;
}

async function allowedAddresses(hostname: string): Promise<ResolvedAddress[]> {
  const family = isIP(hostname);
  const addresses = family ? [{ address: hostname, family }] : await resolveHost(hostname);
  const refusal = webhookRefusal(
    hostname,
    addresses.map((entry) => entry.address),
    env.HEARTH_ALERT_WEBHOOK_HOSTS ?? [],
  );
  if (refusal) throw new WebhookHostRefusedError(`The connection was refused: ${refusal}`);
  return addresses;
}

const checkedLookup: LookupFunction = (hostname, options, callback) => {
  allowedAddresses(hostname).then(
    (resolved) => {
      const wanted = resolved.filter((entry) => !options.family || entry.family === options.family);
      const first = wanted[0];
      if (!first) callback(new WebhookHostRefusedError(`${hostname} has no usable address`), "", 0);
      else if (options.all) {
        (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, wanted);
      } else callback(null, first.address, first.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, "", 0),
  );
};

const globals = globalThis as unknown as { hearthWebhookAgent?: Agent };

/** The webhooks' agent (one per process): every connection checked as above. */
export function webhookAgent(): Agent {
  if (globals.hearthWebhookAgent) return globals.hearthWebhookAgent;
  const connect = buildConnector({ timeout: 5_000, lookup: checkedLookup });
  globals.hearthWebhookAgent = new Agent({
    connect: (target, callback) => {
      if (!isIP(target.hostname)) return connect(target, callback);
      allowedAddresses(target.hostname).then(
        () => connect(target, callback),
        (error: Error) => callback(error, null),
      );
    },
    keepAliveTimeout: 10_000,
  });
  return globals.hearthWebhookAgent;
}
