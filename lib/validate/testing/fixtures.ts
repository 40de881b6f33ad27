/** Hand-built validation inputs shared by the tests (constructed in code; no fs). */
import { readCells, type FormatVersion } from "../../catalog";
import type { ValidationInput } from "../types";

/** Turns a plain key → number|null map into validator cells (null ⇒ blank), absent keys stay absent. */
export function cellsFrom(values: Readonly<Record<string, number | null>>): ValidationInput["cells"] {
  const out: ValidationInput["cells"] = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === null ? { value: null, nullReason: "blank" } : { value: v, nullReason: null };
  return out;
}

/** Every read cell of the format, blank unless given. */
export function fullCells(format: FormatVersion, values: Readonly<Record<string, number | null>>): ValidationInput["cells"] {
  const all: Record<string, number | null> = {};
  for (const d of readCells(format)) all[d.key] = values[d.key] ?? null;
  return cellsFrom(all);
}

/**
 * An SH2019-style report (REPORT-FORMAT.md §1.9, §2): 2019 format, zeros left blank, most of the
 * 总计 column blank, "/" for 规章 and a unit inside the procurement amount. Figures are invented
 * but balance in every applicant column.
 */
export function sh2019Style(): ValidationInput {
  const v: Record<string, number | null> = {
    "t2v19.regulation.new_made": null,
    "t2v19.regulation.new_published": null,
    "t2v19.regulation.total_published": null,
    "t2v19.normative_doc.new_made": 12,
    "t2v19.normative_doc.new_published": 12,
    "t2v19.normative_doc.total_published": 310,
    "t2v19.admin_license.prev_items": 40,
    "t2v19.admin_license.delta_items": -3,
    "t2v19.admin_license.decisions": 1520,
    "t2v19.central_procurement.projects": 4,
    "t2v19.central_procurement.amount": 251000,
    // 表三: natural persons, commercial enterprises, legal service organisations.
    "t3.new_received.natural_person": 700,
    "t3.new_received.commercial_enterprise": 20,
    "t3.new_received.legal_service_org": 8,
    "t3.new_received.total": 728, // the one filled 总计
    "t3.carried_over.natural_person": 30,
    "t3.granted.natural_person": 258,
    "t3.granted.commercial_enterprise": 12,
    "t3.granted.legal_service_org": 2,
    "t3.partially_granted.natural_person": 3,
    "t3.denied_third_party.natural_person": 5,
    "t3.unable_not_held.natural_person": 265,
    "t3.unable_not_held.commercial_enterprise": 6,
    "t3.unable_needs_creation.natural_person": 66,
    "t3.not_processed_repeat.natural_person": 40,
    "t3.not_processed_repeat.legal_service_org": 4,
    "t3.other_processing.natural_person": 43,
    "t3.handled_total.natural_person": 680,
    "t3.handled_total.commercial_enterprise": 18,
    "t3.handled_total.legal_service_org": 6,
    "t3.carried_forward.natural_person": 50,
    "t3.carried_forward.commercial_enterprise": 2,
    "t3.carried_forward.legal_service_org": 2,
    "t3.denied_state_secret.total": 0, // a filled zero total
    // 表四: blanks for zeros.
    "t4.review.upheld": 10,
    "t4.review.other": 2,
    "t4.review.pending": 1,
    "t4.review.total": 13,
    "t4.lit_direct.upheld": 4,
    "t4.lit_direct.total": 4,
  };
  const cells = fullCells("2019", v);
  for (const k of ["t2v19.regulation.new_made", "t2v19.regulation.new_published", "t2v19.regulation.total_published"]) {
    cells[k] = { value: null, nullReason: "slash" };
  }
  return {
    formatVersion: "2019",
    year: 2019,
    cells,
    tables: { t2: "found", t3: "found", t4: "found" },
    narrative: { new_received: 728, review_total: 13, litigation_total: 4 },
    agencyKind: "government",
    publishedOn: "2020-01-31",
    rawCells: { "t2v19.central_procurement.amount": "251000元" },
  };
}

/** The sample report (盘州市 2024, REPORT-FORMAT.md SEED) as printed: zeros written, 上年结转 总计 = 0. */
export function panzhou2024(): ValidationInput {
  const nonZero: Record<string, number> = {
    "t2.normative_doc.issued": 4,
    "t2.normative_doc.repealed": 13,
    "t2.normative_doc.in_force": 34,
    "t3.new_received.natural_person": 33,
    "t3.new_received.total": 33,
    "t3.carried_over.natural_person": 4,
    "t3.granted.natural_person": 12,
    "t3.granted.total": 12,
    "t3.partially_granted.natural_person": 11,
    "t3.partially_granted.total": 11,
    "t3.unable_not_held.natural_person": 9,
    "t3.unable_not_held.total": 9,
    "t3.other_misc.natural_person": 2,
    "t3.other_misc.total": 2,
    "t3.handled_total.natural_person": 34,
    "t3.handled_total.total": 34,
    "t3.carried_forward.natural_person": 3,
    "t3.carried_forward.total": 3,
    "t4.review.upheld": 2,
    "t4.review.other": 1,
    "t4.review.total": 3,
    "t4.lit_after_review.other": 1,
    "t4.lit_after_review.pending": 1,
    "t4.lit_after_review.total": 2,
  };
  const values: Record<string, number> = {};
  for (const d of readCells("2021")) values[d.key] = nonZero[d.key] ?? 0;
  return {
    formatVersion: "2021",
    year: 2024,
    cells: cellsFrom(values),
    tables: { t2: "found", t3: "found", t4: "found" },
    narrative: { new_received: 33, carried_over: 4, handled_total: 34, carried_forward: 3, review_total: 3, litigation_total: 2 },
    agencyKind: "government",
  };
}

/** The sample with its one error corrected (上年结转 总计 = 4): passes every rule. */
export function panzhou2024Corrected(): ValidationInput {
  const input = panzhou2024();
  input.cells["t3.carried_over.total"] = { value: 4, nullReason: null };
  return input;
}

/** Sets cells (null ⇒ blank) on a copy. */
export function withCells(input: ValidationInput, values: Readonly<Record<string, number | null>>): ValidationInput {
  return { ...input, cells: { ...input.cells, ...cellsFrom(values) } };
}
