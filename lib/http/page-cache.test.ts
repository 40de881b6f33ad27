/**
 * The rendered-page cache (page-cache.ts) over a real HTTP server whose handler answers the way
 * Next does: a per-response CSP nonce on its scripts, streamed chunks, gzip when asked. What a
 * browser would see: a repeat is served without rendering, with a fresh nonce, and never across
 * users, stamps, navigations or responses that must not be stored.
 */
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PAGE_CACHE_HEADER, PageCache, type PageCacheLookup } from "./page-cache";
import { contentSecurityPolicy, newNonce } from "./security-headers";

let server: Server;
let base = "";
let renders = 0;
let stamp = "1";
/** What the next render says, and how it answers. */
let content = "第一版";
let status = 200;
let setCookie = false;
let delayMs = 0;

function nextLikeHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders++;
  const nonce = newNonce();
  const html = `<!DOCTYPE html><html><head><script nonce="${nonce}">self.__boot=1</script></head><body><main>${content} ${req.url}</main><script nonce="${nonce}">self.__next_f.push([1,"x"])</script></body></html>`;
  return new Promise((resolve) => {
    setTimeout(() => {
      res.setHeader("content-security-policy", contentSecurityPolicy(nonce));
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
      if (setCookie) res.setHeader("set-cookie", "a=b; Path=/");
      res.statusCode = status;
      const gzip = /gzip/.test(String(req.headers["accept-encoding"] ?? ""));
      if (gzip) {
        res.setHeader("content-encoding", "gzip");
        res.end(gzipSync(html));
      } else {
        // Streamed as Next streams a page: the shell, then the rest.
        res.write(html.slice(0, 40));
        res.end(html.slice(40));
      }
      resolve();
    }, delayMs);
  });
}

const cache = new PageCache({
  lookup: (req): Promise<PageCacheLookup | null> => {
    const user = /user=([a-z]+)/.exec(req.headers.cookie ?? "")?.[1];
    return Promise.resolve(user ? { key: user, stamp } : null);
  },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    void cache.handle(req, res, () => nextLikeHandler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  stamp = String(Number(stamp) + 1);
  content = "第一版";
  status = 200;
  setCookie = false;
  delayMs = 0;
});

async function get(path: string, headers: Record<string, string> = { cookie: "user=alice" }) {
  const r = await fetch(`${base}${path}`, { headers });
  const body = await r.text();
  const csp = r.headers.get("content-security-policy") ?? "";
  return { status: r.status, body, csp, cache: r.headers.get(PAGE_CACHE_HEADER), nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "", encoding: r.headers.get("content-encoding") };
}

/** A GET with exactly these headers (fetch would add Accept-Encoding), and the raw bytes. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ cache: string | undefined; encoding: string | undefined; nonce: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          cache: res.headers[PAGE_CACHE_HEADER] as string | undefined,
          encoding: res.headers["content-encoding"],
          nonce: /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"] ?? ""))?.[1],
          body: Buffer.concat(chunks),
        }),
      );
    }).on("error", reject);
  });
}

function scriptNonces(html: string): string[] {
  return [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]!);
}

describe("page cache", () => {
  it("serves a repeat without rendering, with a fresh nonce on every script", async () => {
    const before = renders;
    const first = await get("/");
    const second = await get("/");
    expect(first.cache).toBe("miss");
    expect(second.cache).toBe("hit");
    expect(renders - before).toBe(1);
    expect(second.body).toContain("第一版 /");
    expect(second.nonce).not.toBe(first.nonce);
    expect(new Set(scriptNonces(second.body))).toEqual(new Set([second.nonce]));
    expect(second.body.split(second.nonce).join("N")).toBe(first.body.split(first.nonce).join("N"));
  });

  it("renders again once the database stamp changes", async () => {
    await get("/regions/520200");
    content = "第二版";
    stamp = `${stamp}-written`;
    const after = await get("/regions/520200");
    expect(after.cache).toBe("miss");
    expect(after.body).toContain("第二版");
  });

  it("never serves one user's page to another", async () => {
    await get("/compare", { cookie: "user=alice" });
    content = "鲍勃的页面";
    const bob = await get("/compare", { cookie: "user=bob" });
    expect(bob.cache).toBe("miss");
    expect(bob.body).toContain("鲍勃的页面");
  });

  it("leaves to the handler a request the lookup refuses, every time", async () => {
    const before = renders;
    const a = await get("/", { cookie: "" });
    const b = await get("/", { cookie: "" });
    expect([a.cache, b.cache]).toEqual(["bypass", "bypass"]);
    expect(renders - before).toBe(2);
  });

  it("stores no error page and no answer that sets a cookie", async () => {
    status = 404;
    await get("/agencies/x-1");
    expect((await get("/agencies/x-1")).cache).toBe("miss");
    status = 200;
    setCookie = true;
    await get("/agencies/x-2");
    expect((await get("/agencies/x-2")).cache).toBe("miss");
  });

  it("does not touch navigations, prefetches or pages outside the dashboards", async () => {
    const before = renders;
    const rsc = await get("/", { cookie: "user=alice", rsc: "1" });
    const rscQuery = await get("/?_rsc=abc", { cookie: "user=alice" });
    const upload = await get("/upload", { cookie: "user=alice" });
    expect([rsc.cache, rscQuery.cache, upload.cache]).toEqual([null, null, null]);
    expect(renders - before).toBe(3);
  });

  it("answers gzip to a client that asks, plain text to one that does not, from one stored page", async () => {
    const zipped = await rawGet("/regions", { cookie: "user=alice", "accept-encoding": "gzip" });
    expect(zipped.cache).toBe("miss");
    const plain = await rawGet("/regions", { cookie: "user=alice" });
    expect(plain.cache).toBe("hit");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("第一版 /regions");
    const hit = await rawGet("/regions", { cookie: "user=alice", "accept-encoding": "gzip" });
    expect(hit.cache).toBe("hit");
    expect(hit.encoding).toBe("gzip");
    // A whole gzip member (gunzip checks its CRC and length), the page with the hit's own nonce.
    const unzipped = gunzipSync(hit.body).toString("utf8");
    expect(new Set(scriptNonces(unzipped))).toEqual(new Set([hit.nonce]));
    const plainHtml = plain.body.toString("utf8");
    expect(unzipped.split(hit.nonce!).join("N")).toBe(plainHtml.split(scriptNonces(plainHtml)[0]!).join("N"));
  });

  it("renders a page once for many readers arriving together", async () => {
    delayMs = 150;
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/regions/5202")));
    expect(renders - before).toBe(1);
    expect(answers.every((a) => a.status === 200 && a.body.includes("第一版 /regions/5202"))).toBe(true);
    // Each reader got its own nonce.
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(8);
  });

  it("treats the same parameters in another order as one page", async () => {
    await get("/compare?year=2024&group=a");
    expect((await get("/compare?group=a&year=2024")).cache).toBe("hit");
  });
});
