// The grammar of the backend host allowlist (an instance setting): which entries are valid, what
// the keywords cover, and which addresses no entry can allow. Pure, so the console's settings form
// validates entries exactly as the server does; the matching itself is in
// services/backends/backend-hosts.ts.
import ipaddr from "ipaddr.js";
import { z } from "zod";

/** The list of an instance that never saved one (the column's default). */
export const DEFAULT_BACKEND_ALLOWED_HOSTS: readonly string[] = ["loopback", "private"];

export const ALLOWLIST_KEYWORD_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** ipaddr.js's range names that no backend may ever use, whatever the allowlist says. */
const NEVER: Readonly<Record<string, string>> = {
  linkLocal: "a link-local address (such as a cloud metadata service)",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

function isHostName(value: string): boolean {
  return value.length <= 253 && value.split(".").every((label) => HOST_LABEL.test(label));
}

/** IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are judged as the IPv4 address they carry. */
export function parseAddress(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = value.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? ipaddr.process(bare) : null;
}

/** Why an address may never be a backend's, whatever the allowlist says; null if it may. */
export function neverAllowedReason(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return "not an IP address";
  return NEVER[parsed.range()] ?? null;
}

/** Why an allowlist entry is invalid, or null. */
export function allowlistEntryProblem(raw: string): string | null {
  const entry = raw.trim().toLowerCase();
  if (!entry) return "must not be empty";
  if (entry in ALLOWLIST_KEYWORD_RANGES) return null;
  if (entry.includes("/")) {
    if (!ipaddr.isValidCIDR(entry)) return "is not a valid CIDR (e.g. 10.0.0.0/8 or fd00::/8)";
    const [address] = ipaddr.parseCIDR(entry);
    if (address.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(entry.split("/")[0] ?? ""))
      return "must write an IPv4 address as four decimal numbers";
    return null;
  }
  if (ipaddr.isValid(entry)) {
    if (ipaddr.IPv4.isValid(entry) && !ipaddr.IPv4.isValidFourPartDecimal(entry))
      return "must write an IPv4 address as four decimal numbers";
    const never = neverAllowedReason(entry);
    return never ? `is ${never}, which backends may never use` : null;
  }
  const wildcard = entry.startsWith("*.");
  const name = wildcard ? entry.slice(2) : entry;
  // A wildcard covers the names under a domain, never a whole top-level domain (`*.com`).
  if (!isHostName(name) || (wildcard && !name.includes(".")))
    return "must be a host name, *.domain, an IP address, a CIDR, `loopback` or `private`";
  return null;
}

export const backendAllowedHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .superRefine((value, ctx) => {
    const problem = allowlistEntryProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `'${value}' ${problem}` });
  });

export const backendAllowedHostsSchema = z
  .array(backendAllowedHostSchema)
  .max(100)
  .transform((entries) => [...new Set(entries)])
  .meta({
    description:
      "Where backends added in the console or the API may connect, checked when one is saved and on every " +
      "connection after DNS: host names, `*.domain` wildcards, IP addresses, CIDRs, `loopback` (127.0.0.0/8, " +
      "::1) and `private` (10/8, 172.16/12, 192.168/16, fc00::/7). Link-local (169.254/16, fe80::/10), " +
      "unspecified, multicast and broadcast addresses are always refused. Backends set in the environment " +
      'are exempt. Default: ["loopback", "private"].',
  });
