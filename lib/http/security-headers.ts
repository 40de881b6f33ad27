/**
 * Response headers against framing (clickjacking), referrer leaks and content sniffing, and the
 * Content-Security-Policy. Pure: next.config.ts sets the static ones on every response, proxy.ts
 * the CSP, whose script-src carries a fresh nonce per request ('strict-dynamic': Next's own
 * scripts and the chunks they load run; nothing injected without the nonce does).
 */

export const STATIC_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["X-Content-Type-Options", "nosniff"],
];

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * The policy. Styles allow inline ones: React and ECharts set style attributes, and a style
 * cannot run code. `dev` adds 'unsafe-eval', which Next's development server needs.
 */
export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
