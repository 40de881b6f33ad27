/**
 * Row factories for db tests: every call creates fresh rows with unique names, so tests never
 * depend on shared seed ids (STYLE rule 20). Regions come from the seed migration (贵州).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Db } from "../client";
import { refreshPeerValues, refreshRollups } from "../mutations/dashboard/rollups";
import {
  agencies,
  figureColumnValues,
  reportFigures,
  reports,
  sourceDocuments,
  users,
  type Agency,
  type NewAgency,
  type NewReport,
  type NewUser,
  type Report,
  type ReportFigures,
  type SourceDocument,
  type User,
} from "../schema";

function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export type CreateTestAgencyOverrides = Partial<NewAgency>;

/** A county-level government under 盘州市 (520281) unless overridden. */
export async function createTestAgency(db: Db, overrides: CreateTestAgencyOverrides = {}): Promise<Agency> {
  const name = overrides.name ?? `测试机构${uniqueSuffix()}`;
  const [agency] = await db
    .insert(agencies)
    .values({ name, nameNorm: name, kind: "government", level: "county", regionCode: "520281", ...overrides })
    .returning();
  if (!agency) throw new Error("createTestAgency: insert returned no row");
  return agency;
}

export interface CreateTestUserOverrides extends Partial<NewUser> {
  /** Plain password to hash (bcrypt, low cost for speed); default "test-password". */
  password?: string;
}

/** An agency user of a fresh agency unless overridden; oversight users default to 贵州省 (520000). */
export async function createTestUser(db: Db, overrides: CreateTestUserOverrides = {}): Promise<User> {
  const { password = "test-password", ...rest } = overrides;
  const role = rest.role ?? "agency";
  const agencyId = rest.agencyId ?? (role === "agency" ? (await createTestAgency(db)).id : null);
  const regionCode = rest.regionCode ?? (role === "oversight" ? "520000" : null);
  const suffix = uniqueSuffix();
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${suffix}@test.local`,
      name: `Test user ${suffix}`,
      passwordHash: await bcrypt.hash(password, 4),
      ...rest,
      role,
      agencyId,
      regionCode,
    })
    .returning();
  if (!user) throw new Error("createTestUser: insert returned no row");
  return user;
}

export interface CreateTestReportOptions {
  agencyId: string;
  year?: number;
  /** Cell values by catalog key (`t3.new_received.total`); money as decimal strings or numbers. */
  cells?: Record<string, number | string | null>;
  report?: Partial<Omit<NewReport, "agencyId" | "documentId">>;
  /** Copied to report_figures.region_code; default 520281. */
  regionCode?: string | null;
}

export interface TestReport {
  document: SourceDocument;
  report: Report;
  figures: ReportFigures;
}

/**
 * A current, published 2021-format report with its source document and figures, written directly
 * (not through the ingest pipeline) so query tests can set exact figures; the dashboard rollups
 * of its (year, region) are rebuilt as the mutations would.
 */
export async function createTestReport(db: Db, options: CreateTestReportOptions): Promise<TestReport> {
  const bytes = new Uint8Array(randomBytes(32));
  const [document] = await db
    .insert(sourceDocuments)
    .values({
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes,
      mediaType: "text/plain",
      fileName: `test-${uniqueSuffix()}.txt`,
      sizeBytes: bytes.byteLength,
      surfaceFormat: "text",
    })
    .returning();
  if (!document) throw new Error("createTestReport: document insert returned no row");

  const [report] = await db
    .insert(reports)
    .values({
      agencyId: options.agencyId,
      year: options.year ?? 2024,
      formatVersion: "2021",
      scope: "self",
      status: "published",
      complete: true,
      ...options.report,
      documentId: document.id,
    })
    .returning();
  if (!report) throw new Error("createTestReport: report insert returned no row");

  const [figures] = await db
    .insert(reportFigures)
    .values({
      reportId: report.id,
      agencyId: report.agencyId,
      year: report.year,
      scope: report.scope,
      formatVersion: report.formatVersion,
      isCurrent: report.isCurrent,
      regionCode: options.regionCode === undefined ? "520281" : options.regionCode,
      ...figureColumnValues(options.cells ?? {}),
    })
    .returning();
  if (!figures) throw new Error("createTestReport: figures insert returned no row");
  // What every write path does: the dashboards read the rollups of the report's (year, region).
  await db.transaction(async (tx) => {
    await refreshRollups(tx, [{ year: figures.year, regionCode: figures.regionCode }]);
    await refreshPeerValues(tx, figures.agencyId, [figures.year]);
  });
  return { document, report, figures };
}
