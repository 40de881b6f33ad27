/**
 * The long-lived MuPDF tracer (./pdf-trace-server.ts): the same page geometry as `mutool trace`
 * for every PDF fixture; documents in a row independent of each other; and the limits that a
 * process per file gave for free — a timeout, a crash, the memory cap and hostile files each fail
 * one document, and the next one is read by a fresh process. Runs where mutool is installed.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "../ingest/analyze";
import { countedPages, traceToGeometry } from "../ingest/extract/pdf-trace";
import { PdfTraceError } from "../ingest/extract/tools";
import { HOSTILE_CORPUS } from "../ingest/hostile/corpus";
import { createTraceServer, type TraceServer, type TraceServerOptions } from "./pdf-trace-server";
import { mutoolTracer, probeTools } from "./tools";

const status = probeTools();
const ROOT = "lib/ingest/__fixtures__";
const LO = path.join(ROOT, "producers/libreoffice/ruled-520200-gov-2023/input.pdf");
const WPS = path.join(ROOT, "real/huaian-szf/2024/input.pdf");

function pdfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pdfFiles(p));
    else if (name.endsWith(".pdf")) out.push(p);
  }
  return out;
}

const read = (file: string) => new Uint8Array(readFileSync(file));

async function hostile(name: string): Promise<Uint8Array> {
  const file = HOSTILE_CORPUS.find((f) => f.name === name);
  if (!file) throw new Error(`no hostile file ${name}`);
  return file.bytes();
}

/** Numbers equal to 1e-3 (the XML trace rounds MuPDF's floats to their shortest form), the rest exactly. */
function near(a: unknown, b: unknown, at = ""): string | null {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(a)) ? null : `${at}: ${a} ≠ ${b}`;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b ? null : `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return `${at}: ${ka.length} ≠ ${Object.keys(b).length} entries`;
  for (const k of ka) {
    const d = near((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

/** A one-page PDF whose font program is a Flate stream of `mb` MB of zeros: MuPDF holds it whole. */
function fontBombPdf(mb: number): Uint8Array {
  const font = deflateSync(Buffer.alloc(mb * 1024 * 1024), { level: 9 });
  const content = Buffer.from("BT /F1 12 Tf 72 720 Td (hello) Tj ET");
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from("\nendstream")]),
    Buffer.from("<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>"),
    Buffer.from("<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>"),
    Buffer.concat([Buffer.from(`<< /Length ${font.length} /Filter /FlateDecode >>\nstream\n`), font, Buffer.from("\nendstream")]),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(offset);
    parts.push(b);
    offset += b.length;
  });
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`));
  parts.push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

describe.skipIf(!status.pdf.available)("the long-lived MuPDF tracer", () => {
  const servers: TraceServer[] = [];
  const server = (opts: Partial<TraceServerOptions> = {}) => {
    const s = createTraceServer({ mutool: status.pdf.mutool ?? "mutool", timeoutMs: 60_000, maxOutputBytes: 64 * 1024 * 1024, memoryMb: 1024, ...opts });
    servers.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("draws every PDF fixture as mutool trace does, in one process", async () => {
    const s = server();
    const xml = mutoolTracer(status.pdf.mutool ?? "mutool");
    const files = pdfFiles(ROOT);
    expect(files.length).toBeGreaterThanOrEqual(50);
    const differ: string[] = [];
    let compared = 0;
    for (const file of files) {
      const bytes = read(file);
      let expected: ReturnType<typeof traceToGeometry>;
      try {
        expected = traceToGeometry(await xml.trace(bytes));
      } catch {
        // A file mutool trace refuses is refused here too (it falls back to pdf.js either way).
        await expect(s.trace(bytes)).rejects.toBeInstanceOf(PdfTraceError);
        continue;
      }
      const got = traceToGeometry(await s.trace(bytes));
      const d = near(expected, got);
      if (d) differ.push(`${path.relative(ROOT, file)} ${d}`);
      compared++;
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(50);
    expect(s.stats.started).toBe(1);
  }, 120_000);

  it("reads documents in a row independently: the same file gives the same record before and after another", async () => {
    const s = server();
    const first = await s.trace(read(LO));
    const other = await s.trace(read(WPS));
    const again = await s.trace(read(LO));
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(traceToGeometry(other).length).toBe(6);
    expect(traceToGeometry(again).length).toBe(5);
    expect(s.stats).toMatchObject({ started: 1, documents: 3, killed: 0 });
  });

  it("counts the pages of a document over the page limit without drawing them", async () => {
    const s = server();
    const trace = await s.trace(await hostile("pdf-5000-pages.pdf"), { maxPages: 200 });
    expect(countedPages(trace)).toBe(5000);
    expect(trace.length).toBeLessThan(100);
    const a = await analyzeDocument(await hostile("pdf-5000-pages.pdf"), "long.pdf", { tools: { pdf: s } });
    expect(a.error?.code).toBe("too_large");
    expect(a.error?.message).toContain("5000 pages");
  });

  it("stops a document past its time limit, fails it alone, and reads the next in a fresh process", async () => {
    const s = server({ timeoutMs: 300 });
    const slow = await hostile("pdf-many-ops.pdf");
    await expect(s.trace(slow)).rejects.toMatchObject({ name: "PdfTraceError", reason: "timeout" });
    expect(s.stats.killed).toBe(1);
    const next = await s.trace(await hostile("pdf-no-report.pdf"));
    expect(traceToGeometry(next)[0]?.runs.map((r) => r.text)).toEqual(["hello world"]);
    expect(s.stats.started).toBe(2);
  });

  it("fails only the document being read when MuPDF crashes, as extract_failed", async () => {
    const s = server();
    await s.trace(await hostile("pdf-no-report.pdf"));
    const pid = s.pid();
    expect(pid).toBeGreaterThan(0);
    const pending = s.trace(await hostile("pdf-many-ops.pdf"));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(pid!, "SIGSEGV");
    await expect(pending).rejects.toMatchObject({ name: "PdfTraceError", reason: "crashed" });
    // The next document starts a fresh process; the crash shows as the document's own issue.
    const next = await s.trace(read(LO));
    expect(traceToGeometry(next).length).toBe(5);
    expect(s.stats.started).toBe(2);
    // Killed while idle, between two files: the next file is read by a fresh process.
    process.kill(s.pid()!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    expect(traceToGeometry(await s.trace(read(LO))).length).toBe(5);
    expect(s.stats.started).toBe(3);
    const crashing = { name: "crashing", trace: () => Promise.reject(new PdfTraceError("killed by SIGSEGV", "crashed")) };
    const a = await analyzeDocument(read(LO), "input.pdf", { tools: { pdf: crashing } });
    expect(a.error?.code).toBe("extract_failed");
    expect(a.error?.message).toContain("crashed");
  });

  it("keeps MuPDF under its memory cap: a font inflating to 400 MB stays within 160 MB, and the next file reads", async () => {
    /** Peak address space and resident set (MB) of the live process, from /proc. */
    const peaks = (s: TraceServer) => {
      const st = readFileSync(`/proc/${s.pid()}/status`, "utf8");
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "mu").exec(st)?.[1] ?? Number.NaN) / 1024;
      return { vm: kb("VmPeak"), rss: kb("VmHWM") };
    };
    const bomb = fontBombPdf(400);
    // Uncapped, MuPDF holds the inflated font program: hundreds of MB.
    const loose = server({ memoryMb: 4096 });
    await loose.trace(bomb);
    expect(peaks(loose).rss).toBeGreaterThan(250);
    // Capped, its allocation fails inside MuPDF: the font is replaced (or the file refused).
    const capped = server({ memoryMb: 160 });
    const r = await capped.trace(bomb).then(
      (t) => (traceToGeometry(t), "read"),
      (e: unknown) => (e instanceof PdfTraceError ? e.reason : `threw ${String(e)}`),
    );
    expect(["read", "too_large", "crashed"]).toContain(r);
    const next = await capped.trace(read(LO));
    expect(traceToGeometry(next).length).toBe(5);
    expect(peaks(capped).vm).toBeLessThanOrEqual(161);
  }, 60_000);

  it("reads hostile PDFs one after another in one process, then a report as if it came first", async () => {
    const s = server({ timeoutMs: 20_000 });
    const fresh = traceToGeometry(await server().trace(read(WPS)));
    const names = ["pdf-header-only.pdf", "pdf-magic-only.pdf", "pdf-garbage.pdf", "pdf-truncated.pdf", "pdf-broken-flate.pdf", "pdf-encrypted.pdf", "pdf-page-loop.pdf", "pdf-deep-arrays.pdf", "pdf-huge-mediabox.pdf", "pdf-many-text.pdf", "docx-named-pdf.pdf"];
    for (const name of names) {
      const out = await s.trace(await hostile(name), { maxPages: 200 }).then(
        (t) => (traceToGeometry(t), "read"),
        (e: unknown) => (e instanceof PdfTraceError ? e.reason : `threw ${String(e)}`),
      );
      expect(["read", "unreadable", "too_large", "timeout"], name).toContain(out);
    }
    expect(near(fresh, traceToGeometry(await s.trace(read(WPS))))).toBeNull();
    // And through the whole pipeline: the report reads as with pdf.js.
    const traced = toDryRunLine("input.pdf", await analyzeDocument(read(WPS), "input.pdf", { tools: { pdf: s } }));
    const plain = toDryRunLine("input.pdf", await analyzeDocument(read(WPS), "input.pdf"));
    expect(traced.cells).toEqual(plain.cells);
  }, 120_000);

  it("lets Node exit while idle (the process does not hold the event loop)", () => {
    const script = `
      import { createTraceServer } from "./lib/system/pdf-trace-server.ts";
      import { readFileSync } from "node:fs";
      const s = createTraceServer({ timeoutMs: 60000, maxOutputBytes: 1 << 26, memoryMb: 1024 });
      const t = await s.trace(new Uint8Array(readFileSync(${JSON.stringify(LO)})));
      console.log(t.length > 1000 ? "traced" : "empty");
    `;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(out.trim()).toBe("traced");
  });
});

describe("the compact trace reader", () => {
  it("reads glyphs and rules from a hand-written record", () => {
    const rec = [
      "%gongkai-trace-1",
      "P 1 0 0 200 100",
      "T 1 0 0 -1 0 100",
      "S 10 0 0 10",
      "20320 10 20 1",
      "22909 20 20 1",
      "E",
      "K 1 0 0 -1 0 100",
      "m 10 50 l 150 50",
      "e",
      "Z ok",
    ].join(" ");
    const [page] = traceToGeometry(rec);
    expect(page?.box).toEqual({ left: 0, bottom: 0, right: 200, top: 100 });
    expect(page?.runs).toEqual([{ text: "你好", x: 10, y: 20, w: 20, fs: 10 }]);
    expect(page?.hRules).toEqual([{ y: 50, x1: 10, x2: 150 }]);
  });

  it("reads every number as Number() does: signs, exponents, 17 digits, float32 values", () => {
    const samples = ["0", "-0", "12", "-3.5", "706.1890258789063", "80.5999984741211", "0.22200000286102296", "1e-7", "-2.5e+21", "12345678901234567", "9007199254740993", "0.000001"];
    for (let i = 0; i < 2000; i++) samples.push(String(Math.fround((Math.random() - 0.5) * 10 ** (Math.random() * 10 - 4))));
    for (const x of samples) {
      const [page] = traceToGeometry(`%gongkai-trace-1 P 1 0 0 ${x} 1 Z ok`);
      expect(page?.box.right, x).toBe(Math.abs(Number(x)));
    }
  });

  it("ignores glyphs outside text and points outside paths, and stops at the end record", () => {
    const rec = "%gongkai-trace-1 P 1 0 0 100 100 20320 1 1 1 m 0 0 l 50 0 e Z ok P 2 0 0 1 1";
    const pages = traceToGeometry(rec);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.runs).toEqual([]);
    expect(pages[0]?.hRules).toEqual([]);
  });
});
