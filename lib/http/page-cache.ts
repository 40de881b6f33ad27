/**
 * The rendered-page cache in front of Next (scripts/serve.ts): the dashboards (overview, region,
 * agency, compare) are rendered once per (user, language, URL) and database state, and served
 * again from memory until a write changes what they could show.
 *
 * Why in front of Next and not inside it: a signed-in dashboard request costs ~45–70 ms of CPU,
 * and even the simplest signed-in page ~23 ms — Next rendering the layout and checking the
 * session, not the data (the data cache, db/queries/dashboard/_cache.ts, already serves that).
 * Two cores cannot reach 100 requests/s that way. A hit here costs the session check and one
 * counter read.
 *
 * What makes a stored page safe to serve again (`PageCacheLookup` answers it per request):
 * - the session is checked against the database on every request, as requireCtx does (signed
 *   out, disabled, password changed: no hit — Next answers, and sends the visitor to /login);
 * - the key holds the user's id, role, scope, name and email: a page is only ever served to the
 *   user it was rendered for, as that user is now;
 * - the stamp is the database's page counter (migration 0011): every committed transaction that
 *   writes a table a page shows bumps it at commit — drafts, submissions, findings and rollups
 *   alike — and a stored page is served only while it is unchanged. A page stored from a render
 *   that already saw a newer write than its stamp is merely recomputed once more;
 * - the Content-Security-Policy nonce is new for every response: the stored HTML keeps the
 *   places where the render's nonce stood, and each hit fills in a fresh one.
 * Only full-document GETs of the listed pages are considered; Next's client-side navigations
 * (RSC requests) and prefetches always go to Next. Responses other than a 200 HTML page, or with
 * a Set-Cookie, are never stored. Concurrent misses of one key wait for the first render.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { constants as zlibConstants, crc32, deflateRawSync, gunzipSync, inflateSync } from "node:zlib";
import { contentSecurityPolicy, newNonce } from "./security-headers";

/** The response header that says what the cache did: hit, miss (rendered and stored) or bypass. */
export const PAGE_CACHE_HEADER = "x-gongkai-page-cache";

/** Pages whose whole content is determined by the user, the language, the URL and the database. */
const CACHEABLE_PATHS = [/^\/$/, /^\/regions\/?$/, /^\/regions\/[0-9]{2,12}\/?$/, /^\/agencies\/[0-9A-Za-z-]{1,64}\/?$/, /^\/compare\/?$/];

/** Next's headers of client-side navigation and prefetch: those answers are RSC payloads, not pages. */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Response headers never replayed: recomputed per response, or about the stored body's encoding. */
const DROPPED_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "content-security-policy", PAGE_CACHE_HEADER]);

export interface PageCacheLookup {
  /** Who and what: the user as the database has them now, the language, the URL. */
  key: string;
  /** The database state the page is rendered from; a stored page is served only under the same stamp. */
  stamp: string;
}

export interface PageCacheOptions {
  /**
   * The key and stamp for this request, or null when it must go to Next (no valid session, the
   * demo banner showing…). Must check the session as the pages do.
   */
  lookup: (req: IncomingMessage) => Promise<PageCacheLookup | null>;
  /** Total bytes of stored pages (default 64 MB); the least recently used go first. */
  maxBytes?: number;
  /** Largest page stored (default 2 MB). */
  maxEntryBytes?: number;
  /** `dev` policy for the nonce's CSP (tests only). */
  dev?: boolean;
}

interface Entry {
  stamp: string;
  status: number;
  headers: [string, string | string[]][];
  /** The HTML split at every occurrence of the render's nonce. */
  parts: Buffer[];
  /** Each part compressed once, as a deflate segment that stands alone (see gzipWithNonce). */
  deflated: Buffer[];
  bytes: number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  bypasses: number;
  entries: number;
  bytes: number;
}

/** A GET for a whole page of the cached kinds, not a navigation, prefetch or action. */
export function isPageCacheCandidate(req: IncomingMessage): boolean {
  if (req.method !== "GET") return false;
  if (NAVIGATION_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.searchParams.has("_rsc")) return false;
  return CACHEABLE_PATHS.some((re) => re.test(url.pathname));
}

/** Path and query with the parameters sorted: `?a=1&b=2` and `?b=2&a=1` are one page. */
export function normalizedUrl(rawUrl: string): string {
  const url = new URL(rawUrl, "http://localhost");
  url.searchParams.sort();
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b/i.test(accept) && !/\bgzip\s*;\s*q=0(\.0*)?\b/i.test(accept);
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly rendering = new Map<string, Promise<void>>();
  private bytes = 0;
  private readonly stats = { hits: 0, misses: 0, bypasses: 0 };
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  }

  getStats(): PageCacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * Answers `req` from the cache, or lets `next` (Next's handler) answer it — storing the page
   * when it may be stored. Never throws: a failed lookup falls through to Next.
   */
  async handle(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void> {
    if (!isPageCacheCandidate(req)) return next();
    let lookup: PageCacheLookup | null = null;
    try {
      lookup = await this.options.lookup(req);
    } catch (error) {
      console.error("page cache: lookup failed; answering without the cache", error);
    }
    if (!lookup) {
      this.stats.bypasses++;
      res.setHeader(PAGE_CACHE_HEADER, "bypass");
      return next();
    }
    const key = `${lookup.key}\n${normalizedUrl(req.url ?? "/")}`;
    const stored = this.fresh(key, lookup.stamp);
    if (stored) return void this.serve(req, res, stored);

    // Another request is rendering this very page: wait for it rather than render it twice.
    const pending = this.rendering.get(key);
    if (pending) {
      await pending;
      const rendered = this.fresh(key, lookup.stamp);
      if (rendered) return void this.serve(req, res, rendered);
    }

    this.stats.misses++;
    res.setHeader(PAGE_CACHE_HEADER, "miss");
    let done!: () => void;
    const rendered = new Promise<void>((resolve) => (done = resolve));
    this.rendering.set(key, rendered);
    try {
      captureResponse(res, (captured) => {
        if (captured) this.store(key, lookup.stamp, captured);
        if (this.rendering.get(key) === rendered) this.rendering.delete(key);
        done();
      });
      await next();
    } catch (error) {
      if (this.rendering.get(key) === rendered) this.rendering.delete(key);
      done();
      throw error;
    }
  }

  private fresh(key: string, stamp: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.stamp !== stamp) {
      this.drop(key, entry);
      return null;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private store(key: string, stamp: string, captured: Captured): void {
    const nonce = /'nonce-([^']+)'/.exec(captured.csp ?? "")?.[1];
    // Without the render's nonce the page's scripts could not be given a fresh one: not stored.
    if (!nonce) return;
    const html = captured.body.toString("utf8");
    if (Buffer.byteLength(html) > this.maxEntryBytes) return;
    const parts = html.split(nonce).map((part) => Buffer.from(part, "utf8"));
    const deflated = parts.map(deflateSegment);
    const bytes = parts.reduce((n, p) => n + p.length, 0) + deflated.reduce((n, p) => n + p.length, 0);
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { stamp, status: captured.status, headers: captured.headers, parts, deflated, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    this.stats.hits++;
    const nonce = newNonce();
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("content-security-policy", contentSecurityPolicy(nonce, { dev: this.options.dev ?? false }));
    res.setHeader(PAGE_CACHE_HEADER, "hit");
    let body: Buffer;
    if (acceptsGzip(req)) {
      body = gzipWithNonce(entry, Buffer.from(nonce, "utf8"));
      res.setHeader("content-encoding", "gzip");
      const vary = String(res.getHeader("vary") ?? "");
      if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    } else {
      body = Buffer.concat(interleave(entry.parts, Buffer.from(nonce, "utf8")));
    }
    res.setHeader("content-length", body.length);
    res.statusCode = entry.status;
    res.end(body);
  }
}

function interleave(parts: Buffer[], between: Buffer): Buffer[] {
  const out: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(between);
    out.push(part);
  });
  return out;
}

/**
 * A part of a stored page compressed on its own: a run of non-final deflate blocks ending in a
 * full flush, which leaves the stream byte-aligned and forgets the history, so no later block
 * refers back into it. Such segments, and stored blocks between them, concatenate into one
 * valid deflate stream.
 */
function deflateSegment(part: Buffer): Buffer {
  return deflateRawSync(part, { level: 6, finishFlush: zlibConstants.Z_FULL_FLUSH });
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]);
/** An empty final stored block: ends the deflate stream. */
const DEFLATE_END = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/**
 * The page gzipped with a fresh nonce, without compressing it again: the parts were deflated once
 * when stored; each nonce goes in between as a stored (uncompressed) block; the trailer's CRC-32
 * runs over the parts and nonces in order. A hit costs a CRC instead of a compression (~0.2 ms
 * rather than 3–8 ms for a 200 kB page), and the answer is a plain single-member gzip.
 */
function gzipWithNonce(entry: Entry, nonce: Buffer): Buffer {
  const stored = Buffer.alloc(5 + nonce.length);
  // Non-final stored block (the stream is byte-aligned after a full flush): header, LEN, NLEN, data.
  stored[0] = 0x00;
  stored.writeUInt16LE(nonce.length, 1);
  stored.writeUInt16LE(~nonce.length & 0xffff, 3);
  nonce.copy(stored, 5);
  let crc = 0;
  let size = 0;
  entry.parts.forEach((part, i) => {
    if (i > 0) {
      crc = crc32(nonce, crc);
      size += nonce.length;
    }
    crc = crc32(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  return Buffer.concat([GZIP_HEADER, ...interleave(entry.deflated, stored), DEFLATE_END, trailer]);
}

interface Captured {
  status: number;
  headers: [string, string | string[]][];
  csp: string | undefined;
  body: Buffer;
}

/**
 * Copies what Next writes to `res` (passing it on unchanged) and calls `onDone` once: with the
 * page when it is a complete 200 HTML response that may be stored, else with null.
 */
function captureResponse(res: ServerResponse, onDone: (captured: Captured | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const headHeaders: Record<string, string | string[]> = {};
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    // A page this large is not stored; keep passing it through without copying.
    if (size > 16 * 1024 * 1024) {
      overflow = true;
      chunks.length = 0;
      return;
    }
    chunks.push(buffer);
  };

  const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
    // writeHead(status, [message], [headers]): headers given here may never reach getHeaders().
    const headers = args.find((a, i) => i > 0 && typeof a === "object" && a !== null);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) headHeaders[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) if (v !== undefined) headHeaders[k.toLowerCase()] = Array.isArray(v) ? v.map(String) : String(v);
    }
    return originalWriteHead(...args);
  };
  (res as { write: unknown }).write = (...args: unknown[]) => {
    collect(args[0], args[1]);
    return originalWrite(...args);
  };
  (res as { end: unknown }).end = (...args: unknown[]) => {
    collect(args[0], args[1]);
    return originalEnd(...args);
  };

  let reported = false;
  const report = (captured: Captured | null) => {
    if (reported) return;
    reported = true;
    onDone(captured);
  };
  res.once("close", () => report(null));
  res.once("finish", () => {
    try {
      report(storable(res, headHeaders, overflow ? null : Buffer.concat(chunks)));
    } catch {
      report(null);
    }
  });
}

function storable(res: ServerResponse, headHeaders: Record<string, string | string[]>, raw: Buffer | null): Captured | null {
  if (!raw || res.statusCode !== 200) return null;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(res.getHeaders())) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.map(String) : String(v);
  Object.assign(headers, headHeaders);
  if (headers["set-cookie"] !== undefined) return null;
  if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const encoding = String(headers["content-encoding"] ?? "identity").toLowerCase();
  const body = encoding === "gzip" ? gunzipSync(raw) : encoding === "deflate" ? inflateSync(raw) : encoding === "identity" ? raw : null;
  if (!body) return null;
  const csp = headers["content-security-policy"];
  return {
    status: 200,
    headers: Object.entries(headers).filter(([k]) => !DROPPED_HEADERS.has(k)),
    csp: typeof csp === "string" ? csp : undefined,
    body,
  };
}
