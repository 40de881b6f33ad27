/**
 * lib/system: the one place under lib/ that starts processes and touches the file system — the
 * runners for Tesseract, pdftoppm and LibreOffice. Everything else in lib/ stays pure (STYLE rule
 * 14) and receives these tools by injection (`extractDocument(bytes, name, { tools })`,
 * `analyzeDocument(bytes, name, { tools })`). Imported by the server (upload action, start-up
 * check) and the CLIs (ingest, bench); never by client components or other lib/ modules.
 */
export { describeToolStatus, libreOfficeConverter, liveToolCpuMs, probeTools, systemTools, tesseractEngine, TOOL_LIMITS, type CpuMeter, type ToolStatus } from "./tools";
export { PAGE_IMAGE_DPI, PageOutOfRangeError, pdfPageWords, renderPdfPagePng } from "./page-image";
export { ProcessError, runProcess, type RunOptions, type RunResult } from "./process";
