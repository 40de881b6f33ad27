import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../records/parsed-report";
import { computeCoverage, describeMissing } from "./coverage";
import { extractFromText } from "./extract/text";
import { parseDocument } from "./pipeline";

const SAMPLE = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
const LINES = SAMPLE.split("\n");

function parse(text: string) {
  return parseDocument(extractFromText(text));
}

describe("coverage", () => {
  it("counts every cell of the sample report as read", () => {
    const r = parse(SAMPLE);
    expect(r.coverage).toEqual({
      t2: { read: 10, of: 10, status: "complete", missing: [] },
      t3: { read: 175, of: 175, status: "complete", missing: [] },
      t4: { read: 15, of: 15, status: "complete", missing: [] },
    });
    expect(r.complete).toBe(true);
    expect(r.issues.filter((i) => i.code === "table_partial")).toEqual([]);
  });

  it("names a 表三 row whose values were lost, and says the table is partly read", () => {
    // The 予以公开 row keeps its label but loses its seven values.
    const at = LINES.findIndex((l) => l.startsWith("(一)予以公开"));
    const text = [...LINES.slice(0, at + 1), ...LINES.slice(at + 8)].join("\n");
    const r = parse(text);
    expect(r.coverage.t3.status).toBe("partial");
    expect(r.coverage.t3.read).toBe(168);
    expect(r.coverage.t3.missing).toEqual(["t3.granted.*"]);
    expect(r.complete).toBe(false);
    const partial = r.issues.find((i) => i.code === "table_partial");
    expect(partial?.severity).toBe("error");
    expect(partial?.message).toContain("予以公开 (t3.granted.*)");
  });

  it("reports a table the document does not have as absent", () => {
    const at = LINES.findIndex((l) => l.startsWith("四、政府信息公开行政复议"));
    const end = LINES.findIndex((l, i) => i > at && l.startsWith("五、"));
    const r = parse([...LINES.slice(0, at), ...LINES.slice(end)].join("\n"));
    expect(r.coverage.t4).toEqual({ read: 0, of: 15, status: "absent", missing: [] });
    expect(r.coverage.t3.status).toBe("complete");
  });

  it("counts a stated blank as read and an absent cell as not", () => {
    const blank: CellValue = { value: null, nullReason: "blank", source: null };
    const absent: CellValue = { value: null, nullReason: "absent", source: null };
    const c = computeCoverage("2021", { "t4.review.total": blank, "t4.review.upheld": absent }, { t2: false, t3: false, t4: true });
    expect(c.t4.read).toBe(1);
    expect(c.t4.status).toBe("partial");
  });

  it("compresses unread keys into whole rows and columns", () => {
    const all = ["t3.granted.natural_person", "t3.granted.total", "t3.partially_granted.natural_person", "t3.partially_granted.total", "t3.new_received.natural_person", "t3.new_received.total"];
    expect(describeMissing(["t3.granted.natural_person", "t3.granted.total", "t3.partially_granted.total", "t3.new_received.total"], all)).toEqual([
      "t3.granted.*",
      "t3.*.total",
    ]);
    expect(describeMissing(["t3.partially_granted.total"], all)).toEqual(["t3.partially_granted.total"]);
  });
});
