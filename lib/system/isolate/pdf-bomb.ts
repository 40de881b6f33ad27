/**
 * Test helper: a small PDF whose one content stream inflates to `inflatedMb` megabytes (issue 16
 * defect 1: a 1 MB file that inflated to 1 GB took the server down). Made by code, streamed
 * through zlib so building it never holds the inflated bytes.
 */
import { createDeflate } from "node:zlib";

export async function makeInflatingPdf(inflatedMb: number, unit = "BT /F1 12 Tf 72 720 Td (0) Tj ET\n"): Promise<Uint8Array<ArrayBuffer>> {
  const chunk = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024), "latin1");
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  for (let i = 0; i < inflatedMb; i++) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  const stream = Buffer.concat(out);
  const parts: (string | Buffer)[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (p: string | Buffer) => {
    parts.push(p);
    length += typeof p === "string" ? Buffer.byteLength(p, "latin1") : p.length;
  };
  push("%PDF-1.4\n");
  const obj = (n: number, body: string | Buffer[]) => {
    offsets[n] = length;
    if (typeof body === "string") push(`${n} 0 obj\n${body}\nendobj\n`);
    else {
      push(`${n} 0 obj\n`);
      for (const b of body) push(b);
      push("\nendobj\n");
    }
  };
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
  obj(4, [Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1"), stream, Buffer.from("\nendstream", "latin1")]);
  obj(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const xref = length;
  push(`xref\n0 6\n0000000000 65535 f \n${[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, "0")} 00000 n \n`).join("")}`);
  push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const whole = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)));
  const pdf = new Uint8Array(whole.length);
  pdf.set(whole);
  return pdf;
}
