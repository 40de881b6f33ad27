import { getDb } from "@/db/client";
import { sql } from "drizzle-orm";
import { extractDocument } from "@/lib/ingest/extract";
import { systemTools } from "@/lib/system";
const db = getDb();
for (const id of process.argv.slice(2)) {
  const rows = await db.execute(sql`select sd.bytes, sd.file_name, f.provenance from reports r join source_documents sd on sd.id=r.document_id join report_figures f on f.report_id=r.id where r.id=${id}`);
  const row = (rows as any).rows?.[0] ?? (rows as any)[0];
  const doc = await extractDocument(new Uint8Array(row.bytes), row.file_name, { tools: systemTools() });
  const lines = doc.text.split("\n");
  for (const k of ["t3.new_received.total", "t2.normative_doc.in_force", "t4.review.total"]) {
    const p = row.provenance[k]; if (!p) continue;
    console.log(k, JSON.stringify(p), "| line:", JSON.stringify(lines[p.loc.line - 1]), "| offset:", JSON.stringify(doc.text.slice(p.loc.offset - 20, p.loc.offset + 20)));
  }
  console.log(doc.format, doc.blocks.filter(b=>b.kind==="table").length);
}
process.exit(0);
