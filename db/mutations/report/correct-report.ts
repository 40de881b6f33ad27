/**
 * Figures corrected by hand, where they were read. The corrected report is a **new version**
 * (the parsed one stays readable, never overwritten) sharing the parsed version's source
 * document; each corrected cell records who, when, why and what the parser read
 * (`reports.corrections`). In the same transaction: derived subtotals and coverage recomputed,
 * the validator re-run, and — when the new version is published — cross-year checks, dashboard
 * rollups and peer values refreshed; an audit entry names every changed cell.
 *
 * Who: admin and system anywhere, oversight within its region (published at once), agency users
 * for their own agency only — their correction is a draft that follows submit → accept.
 * Races: the caller says which version it edited (`expectedVersion`); if another version of the
 * same agency and year was saved since, nothing is written and the answer names who saved first.
 */
import "server-only";
import { and, desc, eq, inArray, sql as sqlTag } from "drizzle-orm";
import { z } from "zod";
import { readCells } from "../../../lib/catalog";
import { parseEntry, type Localized } from "../../../lib/corrections/entry";
import { computeCoverage } from "../../../lib/ingest/coverage";
import type { CellValue } from "../../../lib/records/parsed-report";
import { computeDerived, validateReport, type ValidationInput } from "../../../lib/validate";
import { actorUserId, type Ctx } from "../../context";
import type { Tx } from "../../client";
import { assertReportInScope } from "../../queries/_scope";
import { agencies, auditLog, findings, reportFigures, reports, reportTopics, users } from "../../schema";
import { figureCells, figureColumnValues, type FigureValue } from "../../schema/report-figures";
import type { CellCorrection } from "../../schema/reports";
import { agencyRollupKeys, refreshPeerValues, refreshRollups } from "../dashboard/rollups";
import { refreshCrossYearFindings } from "./cross-year";

export const correctReportInputSchema = z.object({
  reportId: z.uuid(),
  /** The version the form was filled from; a newer one saved meanwhile is a conflict. */
  expectedVersion: z.number().int().min(1),
  /** What was typed, by cell key: "" for blank. Only cells that change need be sent. */
  cells: z.record(z.string(), z.string().max(40)),
  reason: z.string(),
});

export interface CorrectReportOptions {
  ctx: Ctx;
  input: z.input<typeof correctReportInputSchema>;
}

export type CorrectReportResult =
  | { status: "saved"; reportId: string; version: number; published: boolean; changed: string[]; errors: number }
  | { status: "invalid"; fieldErrors: Record<string, Localized>; formError: Localized | null }
  | { status: "conflict"; latest: { reportId: string; version: number; byName: string; at: string; status: string } };

const REASON_MIN = 2;
const REASON_MAX = 500;

export async function correctReport({ ctx, input }: CorrectReportOptions): Promise<CorrectReportResult> {
  const parsed = correctReportInputSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", fieldErrors: {}, formError: { zh: "提交的内容格式不正确。", en: "The form data is malformed." } };
  const { reportId, expectedVersion, cells: typed } = parsed.data;
  // Scope first: another agency's report (or a made-up id) is refused before anything is read.
  const access = await assertReportInScope(ctx, reportId);

  const reason = parsed.data.reason.trim();
  const fieldErrors: Record<string, Localized> = {};
  let formError: Localized | null = null;
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) {
    fieldErrors.reason = { zh: `请填写更正理由（${REASON_MIN}–${REASON_MAX} 字）。`, en: `Give a reason for the correction (${REASON_MIN}–${REASON_MAX} characters).` };
  }

  const publishes = ctx.viewer.kind === "system" || ctx.viewer.role !== "agency";

  return ctx.db.transaction(async (tx) => {
    // The same lock as ingestion and review: versions of one (agency, year) change one at a time.
    await tx.execute(sqlLock(access.agencyId, access.year));
    const [base] = await tx
      .select({
        id: reports.id,
        version: reports.version,
        status: reports.status,
        formatVersion: reports.formatVersion,
        scope: reports.scope,
        documentId: reports.documentId,
        publishedOn: reports.publishedOn,
        complete: reports.complete,
        coverage: reports.coverage,
        parseIssues: reports.parseIssues,
        narrative: reports.narrative,
        sections: reports.sections,
        corrections: reports.corrections,
        agencyKind: agencies.kind,
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(reports.id, access.id));
    if (!base) throw new Error("correctReport: the report vanished inside its own lock");
    const format = base.formatVersion;
    if (!format) {
      return { status: "invalid" as const, fieldErrors, formError: { zh: "无法识别此报告的格式，不能逐格更正。", en: "This report's format is unknown, so its cells cannot be corrected." } };
    }

    const [latest] = await tx
      .select({ id: reports.id, version: reports.version, status: reports.status, createdAt: reports.createdAt, byName: users.name, byEmail: users.email })
      .from(reports)
      .leftJoin(users, eq(users.id, reports.createdBy))
      .where(and(eq(reports.agencyId, access.agencyId), eq(reports.year, access.year)))
      .orderBy(desc(reports.version))
      .limit(1);
    if (latest && (latest.version !== expectedVersion || base.version !== expectedVersion)) {
      return {
        status: "conflict" as const,
        latest: {
          reportId: latest.id,
          version: latest.version,
          byName: latest.byName ?? latest.byEmail ?? "系统导入 system import",
          at: latest.createdAt.toISOString(),
          status: latest.status,
        },
      };
    }

    const readKeys = new Set(readCells(format).map((c) => c.key));
    const [figRow] = await tx.select().from(reportFigures).where(eq(reportFigures.reportId, base.id));
    if (!figRow) throw new Error(`correctReport: report ${base.id} has no figures row`);
    const before = figureCells(figRow, [...readKeys]);

    const changes: Record<string, { from: FigureValue; to: number | string | null }> = {};
    for (const [key, raw] of Object.entries(typed)) {
      if (!readKeys.has(key)) {
        fieldErrors[key] = { zh: "此单元格不属于该报告的格式。", en: "This cell is not part of the report's format." };
        continue;
      }
      const entry = parseEntry(key, raw);
      if (!entry.ok) {
        fieldErrors[key] = entry.error;
        continue;
      }
      const old = before[key] ?? null;
      const oldNull = old === null ? (figRow.nullReasons[key] ?? "absent") : null;
      // Unchanged: same number, or blank typed over a cell already read as blank.
      const same = entry.value === null ? old === null && oldNull === "blank" : old !== null && Number(old) === Number(entry.value);
      if (!same) changes[key] = { from: old, to: entry.value };
    }
    if (Object.keys(fieldErrors).length === 0 && Object.keys(changes).length === 0) {
      formError = { zh: "没有改动任何数字。", en: "No figure was changed." };
    }
    if (Object.keys(fieldErrors).length || formError) return { status: "invalid" as const, fieldErrors, formError };

    const [actor] = ctx.viewer.kind === "user" ? await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.viewer.userId)) : [];
    const byName = ctx.viewer.kind === "system" ? ctx.viewer.name : (actor?.name ?? "");
    const at = new Date().toISOString();
    const version = (latest?.version ?? base.version) + 1;

    // The new version's cells: the base's, with the typed ones.
    const values: Record<string, FigureValue> = { ...before };
    const nullReasons = { ...figRow.nullReasons };
    const corrections: Record<string, CellCorrection> = { ...base.corrections };
    for (const [key, { from, to }] of Object.entries(changes)) {
      values[key] = to;
      if (to === null) nullReasons[key] = "blank";
      else delete nullReasons[key];
      const earlier = base.corrections[key];
      corrections[key] = {
        value: to,
        parsed: earlier ? earlier.parsed : from,
        parsedNullReason: earlier ? earlier.parsedNullReason : from === null ? (figRow.nullReasons[key] ?? "absent") : null,
        reason,
        byUserId: actorUserId(ctx),
        byName,
        at,
        version,
      };
    }
    const inputCells = (vals: Record<string, FigureValue>, reasons: Record<string, string>): ValidationInput["cells"] => {
      const out: ValidationInput["cells"] = {};
      for (const key of readKeys) {
        const v = vals[key];
        out[key] = v === null || v === undefined ? { value: null, nullReason: (reasons[key] ?? "absent") as NonNullable<CellValue["nullReason"]> } : { value: Number(v), nullReason: null };
      }
      return out;
    };
    const oldInput = inputCells(before, figRow.nullReasons);
    const newInput = inputCells(values, nullReasons);
    // Derived subtotals: only those the correction changes, so special cases the parser set
    // (（六）其他处理 printed as one row) survive a correction elsewhere.
    const derivedBefore = computeDerived(format, oldInput);
    const derivedAfter = computeDerived(format, newInput);
    const derivedChanged: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(derivedAfter)) if (derivedBefore[k] !== v) derivedChanged[k] = v;

    const located = base.coverage
      ? { t2: base.coverage.t2.status !== "absent", t3: base.coverage.t3.status !== "absent", t4: base.coverage.t4.status !== "absent" }
      : { t2: true, t3: true, t4: true };
    const coverageCells: Record<string, CellValue> = {};
    for (const [k, c] of Object.entries(newInput)) coverageCells[k] = { value: c.value, nullReason: c.nullReason, source: null };
    const coverage = computeCoverage(format, coverageCells, located);
    // A table now read in full no longer needs its "partly read" issue.
    const parseIssues = base.parseIssues.filter((i) => !(i.code === "table_partial" && tablesComplete(coverage, i.message)));

    const validationInput: ValidationInput = {
      formatVersion: format,
      year: access.year,
      cells: newInput,
      narrative: Object.fromEntries(Object.entries(base.narrative).flatMap(([k, f]) => (f ? [[k, f.value]] : []))),
      sections: base.sections.map((s) => ({ number: s.number, text: s.text })),
      agencyKind: base.agencyKind,
      publishedOn: base.publishedOn,
    };
    const found = validateReport(validationInput);

    const status = publishes ? ("published" as const) : ("draft" as const);
    const [previousCurrent] = publishes
      ? await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, access.agencyId), eq(reports.year, access.year), eq(reports.isCurrent, true)))
      : [];
    // Unset first: at most one current version per (agency, year) (reports_one_current_uq).
    if (previousCurrent) await tx.update(reports).set({ isCurrent: false, updatedAt: new Date() }).where(eq(reports.id, previousCurrent.id));
    const [created] = await tx
      .insert(reports)
      .values({
        agencyId: access.agencyId,
        year: access.year,
        formatVersion: format,
        scope: base.scope,
        status,
        version,
        documentId: base.documentId,
        supersedesId: publishes ? (previousCurrent?.id ?? base.id) : base.id,
        isCurrent: publishes,
        publishedOn: base.publishedOn,
        complete: base.complete,
        coverage,
        parseIssues,
        narrative: base.narrative,
        sections: base.sections,
        createdBy: actorUserId(ctx),
        correctionOf: base.id,
        corrections,
      })
      .returning({ id: reports.id });
    const newId = created!.id;

    const { reportId: _r, isCurrent: _c, createdAt: _ca, updatedAt: _u, ...copied } = figRow;
    await tx.insert(reportFigures).values({
      ...copied,
      reportId: newId,
      isCurrent: publishes,
      ...figureColumnValues({ ...Object.fromEntries(Object.keys(changes).map((k) => [k, values[k] ?? null])), ...derivedChanged }),
      nullReasons,
    });

    const topics = await tx.select().from(reportTopics).where(eq(reportTopics.reportId, base.id));
    if (topics.length) {
      await tx.insert(reportTopics).values(topics.map(({ createdAt: _a, updatedAt: _b, ...t }) => ({ ...t, reportId: newId })));
    }

    // Explanations the agency gave for a finding the new version still raises carry over.
    const explained = await tx
      .select({ rule: findings.rule, cells: findings.cells, explanation: findings.explanation, explainedBy: findings.explainedBy })
      .from(findings)
      .where(and(eq(findings.reportId, base.id), eq(findings.status, "explained")));
    const key = (f: { rule: string; cells: readonly string[] }) => `${f.rule}|${[...f.cells].sort().join(",")}`;
    const explanations = new Map(explained.map((f) => [key(f), f]));
    if (found.length) {
      await tx.insert(findings).values(
        found.map((f) => {
          const e = explanations.get(key(f));
          return {
            reportId: newId,
            rule: f.rule,
            severity: f.severity,
            cells: f.cells,
            blame: f.blame,
            suggested: f.suggested,
            messageZh: f.message.zh,
            messageEn: f.message.en,
            ...(e ? { status: "explained" as const, explanation: e.explanation, explainedBy: e.explainedBy } : {}),
          };
        }),
      );
    }
    if (previousCurrent) await resolveFixed(tx, previousCurrent.id, newId, found.map(key));

    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.correct",
      entity: "report",
      entityId: newId,
      details: {
        agencyId: access.agencyId,
        agencyName: access.agencyName,
        year: access.year,
        version,
        status,
        correctionOf: base.id,
        baseVersion: base.version,
        reason,
        cells: changes,
        actor: ctx.viewer.kind === "system" ? ctx.viewer.name : undefined,
      },
    });

    if (publishes) {
      await refreshCrossYearFindings(tx, access.agencyId, access.year);
      await refreshRollups(tx, await agencyRollupKeys(tx, access.agencyId, [access.year]));
      await refreshPeerValues(tx, access.agencyId, [access.year]);
    }
    const errors = found.filter((f) => f.severity === "error").length;
    return { status: "saved" as const, reportId: newId, version, published: publishes, changed: Object.keys(changes), errors };
  });
}

function sqlLock(agencyId: string, year: number) {
  return sqlTag`select pg_advisory_xact_lock(hashtext(${agencyId + ":" + String(year)}))`;
}

/** True when every table the issue message names (表二/表三/表四) is now complete. */
function tablesComplete(coverage: ReturnType<typeof computeCoverage>, message: string): boolean {
  const named = (["t2", "t3", "t4"] as const).filter((t) => message.includes({ t2: "表二", t3: "表三", t4: "表四" }[t]));
  const tables = named.length ? named : (["t2", "t3", "t4"] as const);
  return tables.every((t) => coverage[t].status === "complete");
}

async function resolveFixed(tx: Tx, previousId: string, newId: string, stillRaised: readonly string[]): Promise<void> {
  const raised = new Set(stillRaised);
  const open = await tx
    .select({ id: findings.id, rule: findings.rule, cells: findings.cells })
    .from(findings)
    .where(and(eq(findings.reportId, previousId), eq(findings.status, "open")));
  const fixed = open.filter((f) => !raised.has(`${f.rule}|${[...f.cells].sort().join(",")}`)).map((f) => f.id);
  if (fixed.length) await tx.update(findings).set({ status: "resolved", resolvedByReportId: newId, updatedAt: new Date() }).where(inArray(findings.id, fixed));
}

