// The client's network address, as every limit in Hearth counts it (sign-in, widget) and the audit
// log records it. It starts from the TCP peer of the request, which only the socket knows: a
// hook on Node's `http.server.request.start` diagnostics channel copies it into a header before
// Next.js sees the request, tagged with a per-process token so that a client cannot forge it.
// X-Forwarded-For is believed only hop by hop from a peer that HEARTH_TRUSTED_PROXIES trusts
// (proxy-addr, as Express does); by default nothing is trusted and the address is the peer's.
import { randomBytes } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { env, type TrustedProxies } from "../env";

const PEER_HEADER = "x-hearth-peer";

/** A request that came through no socket of this process (in-process tests, a misconfiguration). */
export const UNKNOWN_ADDRESS = "unknown";

// On globalThis: Next.js bundles this module into several chunks, and the token must be one.
const state = globalThis as unknown as { hearthPeerToken?: string };

/**
 * Installs the hook once per process. Called where HTTP servers start: the Next.js server
 * (instrumentation.ts) and the tests' own HTTP servers.
 */
export function installPeerAddressHook(): void {
  if (state.hearthPeerToken) return;
  const token = randomBytes(16).toString("base64url");
  state.hearthPeerToken = token;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    // Overwrites whatever a client sent under this name.
    request.headers[PEER_HEADER] = `${token} ${socket.remoteAddress ?? ""}`;
  });
}

/** The TCP peer the hook recorded, or null when the header is missing or not ours. */
export function peerAddressOf(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  const token = state.hearthPeerToken;
  if (!value || !token) return null;
  const [given, address] = value.split(" ");
  return given === token && address ? address : null;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client; IPv6 in its canonical short form. */
export function normalizeAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  return ipaddr.process(address).toString();
}

function trustFunction(trusted: TrustedProxies): (address: string, hop: number) => boolean {
  if (trusted.kind === "hops") return (_address, hop) => hop < trusted.hops;
  if (trusted.addresses.length === 0) return () => false;
  return proxyaddr.compile(trusted.addresses);
}

const trustCache = new WeakMap<TrustedProxies, (address: string, hop: number) => boolean>();

function trustOf(trusted: TrustedProxies): (address: string, hop: number) => boolean {
  let trust = trustCache.get(trusted);
  if (!trust) {
    trust = trustFunction(trusted);
    trustCache.set(trusted, trust);
  }
  return trust;
}

/**
 * The client behind `peer`: the peer itself unless it is a trusted proxy, then the nearest
 * X-Forwarded-For entry that is not one (entries are read right to left, as proxies append).
 */
export function resolveClientAddress(
  peer: string,
  forwardedFor: string | null,
  trusted: TrustedProxies = env.trustedProxies,
): string {
  const trust = trustOf(trusted);
  const request = {
    connection: { remoteAddress: peer },
    socket: { remoteAddress: peer },
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  } as unknown as IncomingMessage;
  return normalizeAddress(proxyaddr(request, trust));
}

/** The client address of a request, or `unknown` when it did not come through our server. */
export function clientAddressOf(headers: Headers): string {
  const peer = peerAddressOf(headers);
  if (!peer) return UNKNOWN_ADDRESS;
  return resolveClientAddress(peer, headers.get("x-forwarded-for"));
}

/**
 * The host the client addressed: the Host header, or X-Forwarded-Host when the request came
 * through a trusted proxy (which a client cannot otherwise choose).
 */
export function requestHostOf(headers: Headers, trusted: TrustedProxies = env.trustedProxies): string | null {
  const peer = peerAddressOf(headers);
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwarded && peer && trustOf(trusted)(peer, 0)) return forwarded;
  return headers.get("host");
}
