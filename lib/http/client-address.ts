/**
 * The client's network address, for the per-address sign-in limit and the audit log.
 *
 * `next start` copies a client-sent X-Forwarded-For through untouched (it only fills the header
 * from the socket when it is absent), so any visitor could name a fresh address per attempt.
 * scripts/serve.ts therefore rewrites the header before Next sees it: to the address this
 * function picks from the socket's peer and the hops a deployment trusts (TRUST_PROXY_HOPS).
 */

/** IPv4 through an IPv6 socket ("::ffff:10.0.0.1") as plain IPv4; trims and drops brackets/ports we can recognise. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.includes("]")) v = v.slice(1, v.indexOf("]"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(v)) v = v.slice(7);
  // "1.2.3.4:5678" (some proxies append the port to IPv4).
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(v);
  if (withPort) v = withPort[1]!;
  return v.length > 0 && v.length <= 100 ? v : null;
}

/**
 * The address of the client: with `trustedHops` = 0 the socket's peer (the X-Forwarded-For header
 * is ignored altogether); with N reverse proxies in front, the entry each of them vouches for,
 * i.e. the N-th from the right of the chain "X-Forwarded-For, socket peer". Entries left of that
 * were written by the client and are never used.
 */
export function resolveClientAddress(forwardedFor: string | readonly string[] | null | undefined, socketAddress: string | null | undefined, trustedHops: number): string | null {
  const socket = normalizeAddress(socketAddress);
  if (trustedHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...String(header).split(",").map(normalizeAddress), socket].filter((a): a is string => a !== null);
  if (chain.length === 0) return null;
  // Fewer entries than trusted hops: the leftmost one is still written by a trusted proxy.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? null;
}

/**
 * What the app reads: the one address scripts/serve.ts left in X-Forwarded-For (the last entry,
 * so that under a bare `next start`/`next dev` a client-prepended chain is at least not preferred).
 */
export function clientAddressFromHeaders(headers: { get(name: string): string | null }): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",");
  return normalizeAddress(entries[entries.length - 1]) ?? normalizeAddress(headers.get("x-real-ip"));
}
