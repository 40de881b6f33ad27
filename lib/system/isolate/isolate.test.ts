/**
 * Isolated parse (issue 16 defect 1): a file is analysed in its own process; one that needs more
 * memory or time than its limit is killed and reported, and the calling process stays small.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "../../ingest/analyze";
import { createParseIsolate } from "./index";
import { makeInflatingPdf } from "./pdf-bomb";

const SAMPLE = path.join(process.cwd(), "lib/ingest/__fixtures__/panzhou/2024/input.txt");

describe("parse isolate", () => {
  const isolates: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(isolates.map((i) => i.close()));
  });

  it("gives the same analysis as parsing in-process", async () => {
    const isolate = createParseIsolate({ limits: { memoryMb: 1024, timeMs: 60_000 } });
    isolates.push(isolate);
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    const isolated = await isolate.analyze(bytes, "input.txt");
    const local = await analyzeDocument(bytes, "input.txt");
    expect(isolated.error).toBeNull();
    expect(isolated.parsed.agencyName).toBe("盘州市人民政府");
    expect(toDryRunLine("input.txt", isolated)).toEqual(toDryRunLine("input.txt", local));
  });

  it("kills a PDF whose parse outgrows the memory cap, reports too_large, and parses the next file", async () => {
    // pdf.js path (no MuPDF), where the inflated stream is read inside the parsing process. The
    // stream (120 MB of text operators) passes the pre-read caps (lib/ingest/extract/pdf-guard:
    // 128 MB per stream), so what stops it is the process's memory cap.
    const isolate = createParseIsolate({ limits: { memoryMb: 250, timeMs: 120_000 }, systemTools: false });
    isolates.push(isolate);
    const bomb = await makeInflatingPdf(120);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    let peakHere = rssBefore;
    const watch = setInterval(() => (peakHere = Math.max(peakHere, process.memoryUsage().rss)), 20);
    const result = await isolate.analyze(bomb, "bomb.pdf");
    clearInterval(watch);
    expect(result.error?.code).toBe("too_large");
    expect(result.error?.message).toContain("250 MB");
    expect(result.error?.message).toMatch(/内存/);
    expect(isolate.stats.killed).toBe(1);
    expect(isolate.stats.peakRssMb).toBeGreaterThan(200);
    // The caller never held the inflated content (the isolate's process did, and is gone).
    expect((peakHere - rssBefore) / 1024 / 1024).toBeLessThan(150);
    const next = await isolate.analyze(new Uint8Array(readFileSync(SAMPLE)), "input.txt");
    expect(next.error).toBeNull();
    expect(isolate.stats.started).toBe(2);
  });

  it("kills a parse past its time limit and reports extract_failed", async () => {
    const isolate = createParseIsolate({ limits: { memoryMb: 8192, timeMs: 2000 }, systemTools: false });
    isolates.push(isolate);
    const result = await isolate.analyze(await makeInflatingPdf(64), "slow.pdf");
    expect(result.error?.code).toBe("extract_failed");
    expect(result.error?.message).toContain("2 s");
    expect(toDryRunLine("slow.pdf", result)).toMatchObject({ ok: false, error: { code: "extract_failed" }, surface_format: "pdf" });
  });

  it("runs files side by side in several processes and keeps each answer with its file", async () => {
    const isolate = createParseIsolate({ size: 2, limits: { memoryMb: 1024, timeMs: 60_000 } });
    isolates.push(isolate);
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    const names = ["a.txt", "b.txt", "c.txt", "d.txt"];
    const results = await Promise.all(names.map((n) => isolate.analyze(bytes, n, n === "c.txt" ? { year: 2031 } : {})));
    expect(results.map((r) => r.fileName)).toEqual(names);
    expect(results.map((r) => r.parsed.year)).toEqual([2024, 2024, 2031, 2024]);
    expect(isolate.stats.started).toBe(2);
  });
});
