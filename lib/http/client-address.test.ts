import { describe, expect, it } from "vitest";
import { clientAddressFromHeaders, normalizeAddress, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("trusts only the socket by default, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress("1.2.3.4", "::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("1.2.3.4, 5.6.7.8", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress(null, "203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies, takes the entry the outermost trusted proxy wrote", () => {
    // client forged "6.6.6.6"; nginx appended the real peer 198.51.100.7; socket = nginx.
    expect(resolveClientAddress("6.6.6.6, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("6.6.6.6, 198.51.100.7, 10.0.0.3", "10.0.0.2", 2)).toBe("198.51.100.7");
    expect(resolveClientAddress(["6.6.6.6", "198.51.100.7"], "10.0.0.2", 1)).toBe("198.51.100.7");
  });

  it("a forged header never changes the address when no proxy is trusted", () => {
    const seen = new Set(["1.1.1.1", "2.2.2.2, 3.3.3.3", "", "garbage"].map((h) => resolveClientAddress(h, "192.0.2.1", 0)));
    expect([...seen]).toEqual(["192.0.2.1"]);
  });

  it("with fewer entries than hops, takes the leftmost", () => {
    expect(resolveClientAddress(null, "10.0.0.2", 3)).toBe("10.0.0.2");
  });
});

describe("normalizeAddress / clientAddressFromHeaders", () => {
  it("normalizes mapped IPv4, brackets and ports", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.5:4431")).toBe("192.0.2.5");
    expect(normalizeAddress("  ")).toBeNull();
  });

  it("reads the last X-Forwarded-For entry", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 192.0.2.1" });
    expect(clientAddressFromHeaders(h)).toBe("192.0.2.1");
    expect(clientAddressFromHeaders(new Headers())).toBeNull();
  });
});
