/**
 * The parse process (started by ./index.ts with `node --import tsx`): runs the pure
 * extract → parse → validate pipeline for one file at a time, with its own system tools (MuPDF,
 * OCR, LibreOffice), and sends the analysis back over IPC. Its parent watches its memory and
 * time and kills it when a file goes past either; nothing here needs to know.
 */
import { analyzeDocument, type AnalyzeOptions } from "../../ingest/analyze";
import { systemTools } from "../index";

interface Request {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: Omit<AnalyzeOptions, "tools">;
  /** false: the pure pipeline alone, as on a machine without MuPDF, OCR or LibreOffice. */
  systemTools: boolean;
}

// Tools are functions and cannot cross the process boundary: this process makes its own.
const tools = systemTools();

process.on("message", (msg: Request) => {
  analyzeDocument(msg.bytes, msg.fileName, { ...msg.options, ...(msg.systemTools ? { tools } : {}) }).then(
    (analyzed) => process.send?.({ id: msg.id, analyzed }),
    (error: unknown) => process.send?.({ id: msg.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent went away (server stopped or crashed): nothing left to do.
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
