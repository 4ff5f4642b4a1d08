// The client address every limit counts: the TCP peer unless a trusted proxy forwarded the request,
// never a header a client wrote itself. The trusted-proxy matrix runs on the pure resolver; a real
// HTTP server shows the peer comes from the socket and that a forged peer header is ignored.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseEnv, type TrustedProxies } from "../env";
import {
  clientAddressOf,
  installPeerAddressHook,
  requestHostOf,
  resolveClientAddress,
} from "./client-address";

const none: TrustedProxies = { kind: "addresses", addresses: [] };
const loopback: TrustedProxies = { kind: "addresses", addresses: ["loopback"] };
const privateNets: TrustedProxies = { kind: "addresses", addresses: ["10.0.0.0/8", "192.168.1.5"] };
const hops = (count: number): TrustedProxies => ({ kind: "hops", hops: count });

describe("the trusted-proxy matrix", () => {
  test.each([
    // [trusted, peer, X-Forwarded-For, expected client]
    ["nothing trusted: a client's own header is ignored", none, "203.0.113.9", "1.2.3.4", "203.0.113.9"],
    ["nothing trusted, even from loopback", none, "127.0.0.1", "1.2.3.4", "127.0.0.1"],
    ["a trusted proxy on loopback", loopback, "127.0.0.1", "198.51.100.7", "198.51.100.7"],
    // nginx appends the real peer: the first entry is whatever the client sent.
    ["a forged first entry behind nginx", loopback, "127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"],
    ["an untrusted peer's header is ignored", loopback, "203.0.113.9", "1.2.3.4", "203.0.113.9"],
    [
      "a chain of trusted proxies",
      privateNets,
      "10.1.2.3",
      "6.6.6.6, 198.51.100.7, 192.168.1.5",
      "198.51.100.7",
    ],
    [
      "an untrusted hop inside the chain stops the walk",
      privateNets,
      "10.1.2.3",
      "1.1.1.1, 8.8.8.8",
      "8.8.8.8",
    ],
    ["one hop", hops(1), "203.0.113.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"],
    ["two hops", hops(2), "203.0.113.1", "6.6.6.6, 198.51.100.7, 203.0.113.2", "198.51.100.7"],
    ["more hops than entries: the leftmost", hops(5), "203.0.113.1", "198.51.100.7", "198.51.100.7"],
    ["no header through a trusted proxy: the proxy", loopback, "127.0.0.1", null, "127.0.0.1"],
    ["IPv4-mapped IPv6 is the IPv4 address", none, "::ffff:203.0.113.9", null, "203.0.113.9"],
    ["IPv6 in canonical form", none, "2001:0db8:0000:0000:0000:0000:0000:0001", null, "2001:db8::1"],
  ] as const)("%s", (_name, trusted, peer, forwarded, expected) => {
    expect(resolveClientAddress(peer, forwarded, trusted)).toBe(expected);
  });
});

describe("HEARTH_TRUSTED_PROXIES", () => {
  test("takes a hop count or a list, and refuses anything else", () => {
    expect(parseEnv({ HEARTH_TRUSTED_PROXIES: "2" }).trustedProxies).toEqual(hops(2));
    expect(parseEnv({ HEARTH_TRUSTED_PROXIES: "loopback, 10.0.0.0/8" }).trustedProxies).toEqual({
      kind: "addresses",
      addresses: ["loopback", "10.0.0.0/8"],
    });
    expect(parseEnv({}).trustedProxies).toEqual(none);
    expect(() => parseEnv({ HEARTH_TRUSTED_PROXIES: "10.0.0.0/99" })).toThrow(/HEARTH_TRUSTED_PROXIES/);
    expect(() => parseEnv({ HEARTH_TRUSTED_PROXIES: "proxy.example.com" })).toThrow(/HEARTH_TRUSTED_PROXIES/);
  });
});

describe("over a real socket", () => {
  let url: string;
  const server = createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const trusted = headers.get("x-test-trust") === "loopback" ? loopback : none;
    response.end(
      JSON.stringify({ address: clientAddressOf(headers), host: requestHostOf(headers, trusted) }),
    );
  });

  beforeAll(async () => {
    installPeerAddressHook();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("the address is the socket's peer, whatever the client claims", async () => {
    const plain = (await (await fetch(url)).json()) as { address: string };
    expect(plain.address).toBe("127.0.0.1");
    const forged = await fetch(url, {
      headers: { "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4", "x-hearth-peer": "guess 1.2.3.4" },
    });
    expect(((await forged.json()) as { address: string }).address).toBe("127.0.0.1");
  });

  test("X-Forwarded-Host counts only from a trusted proxy", async () => {
    const host = new URL(url).host;
    const ask = async (trust: string) =>
      (
        (await (
          await fetch(url, { headers: { "x-forwarded-host": "evil.example", "x-test-trust": trust } })
        ).json()) as {
          host: string;
        }
      ).host;
    expect(await ask("none")).toBe(host);
    expect(await ask("loopback")).toBe("evil.example");
  });

  test("a request that did not come through a hooked server has no address", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
    expect(clientAddressOf(new Headers({ "x-hearth-peer": "forged 1.2.3.4" }))).toBe("unknown");
  });
});
