// Where backends added in the console or the API may connect: matching a host and the addresses
// it resolved to against the instance's host allowlist (InstanceSetting.backendAllowedHosts; its
// grammar is in schemas/backend-allowlist.ts). Pure functions: used when a backend is saved
// (validate-backend.ts) and on every connection after DNS resolution (backend-connector.ts), so a
// host name cannot be pointed somewhere else later.
//
// An entry is an exact host name (`vllm.internal`), a wildcard for the names under a domain
// (`*.example.com`, not example.com itself), an IP address, a CIDR (`10.1.0.0/16`, `fd00::/8`), or
// one of the keywords `loopback` (127.0.0.0/8, ::1) and `private` (10/8, 172.16/12, 192.168/16,
// fc00::/7). Link-local addresses (169.254/16, where cloud metadata services live, and fe80::/10),
// unspecified, multicast and broadcast addresses are refused whatever the list says.
import ipaddr from "ipaddr.js";
import {
  ALLOWLIST_KEYWORD_RANGES,
  allowlistEntryProblem,
  neverAllowedReason,
  parseAddress,
} from "../../schemas/backend-allowlist";

export { DEFAULT_BACKEND_ALLOWED_HOSTS, neverAllowedReason } from "../../schemas/backend-allowlist";

type Entry =
  | { kind: "name"; name: string }
  | { kind: "suffix"; suffix: string }
  | { kind: "range"; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

function compile(entries: readonly string[]): Entry[] {
  const compiled: Entry[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (allowlistEntryProblem(entry)) continue; // stored lists are validated; skip anything else
    const ranges = ALLOWLIST_KEYWORD_RANGES[entry];
    if (ranges) {
      for (const range of ranges) compiled.push({ kind: "range", range: ipaddr.parseCIDR(range) });
    } else if (entry.includes("/")) {
      compiled.push({ kind: "range", range: ipaddr.parseCIDR(entry) });
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      compiled.push({ kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128] });
    } else if (entry.startsWith("*.")) {
      compiled.push({ kind: "suffix", suffix: entry.slice(1) });
    } else {
      compiled.push({ kind: "name", name: entry });
    }
  }
  return compiled;
}

function inRange(address: ipaddr.IPv4 | ipaddr.IPv6, range: Entry & { kind: "range" }): boolean {
  const [base, bits] = range.range;
  return address.kind() === base.kind() && address.match(base, bits);
}

/** Whether the allowlist names the host itself (an exact name or a wildcard). */
export function hostNameListed(hostname: string, entries: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return compile(entries).some(
    (entry) =>
      (entry.kind === "name" && entry.name === host) ||
      (entry.kind === "suffix" && host.endsWith(entry.suffix) && host.length > entry.suffix.length),
  );
}

/**
 * Why connecting to `hostname` at `addresses` (what it resolved to; the address itself for an IP
 * literal) is refused, or null when it is allowed. Every address must pass: a name that resolves
 * to an allowed and a refused address (a rebinding trick) is refused.
 */
export function connectionRefusal(
  hostname: string,
  addresses: readonly string[],
  entries: readonly string[],
): string | null {
  if (addresses.length === 0) return `${hostname} did not resolve to any address`;
  for (const address of addresses) {
    const never = neverAllowedReason(address);
    if (never) return `${hostname} resolves to ${address}, ${never}, which backends may never use`;
  }
  if (hostNameListed(hostname, entries)) return null;
  const ranges = compile(entries).filter((entry) => entry.kind === "range");
  for (const address of addresses) {
    const parsed = parseAddress(address);
    if (!parsed || !ranges.some((range) => inRange(parsed, range))) {
      return `${hostname === address ? address : `${hostname} resolves to ${address}, which`} is not in the backend host allowlist`;
    }
  }
  return null;
}
