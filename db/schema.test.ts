import { createHash } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { alias, pgSchema, text, integer } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { CELLS } from "../lib/catalog/cells";
import { agencies, figureCells, figureColumn, figureColumnValues, regions, sumFigure, reportFigures, reports, sourceDocuments, users } from "./schema";
import { describeEachDb } from "./test/db";
import { createTestAgency, createTestReport, createTestUser } from "./test/factories";

const infoColumns = pgSchema("information_schema").table("columns", {
  tableName: text("table_name"),
  columnName: text("column_name"),
  dataType: text("data_type"),
  numericPrecision: integer("numeric_precision"),
  numericScale: integer("numeric_scale"),
});

/** The SQLSTATE of a failed query: drizzle wraps the driver's error, which carries `code`. */
function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  while (e instanceof Error) {
    if ("code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause;
  }
  return undefined;
}

async function expectSqlState(promise: Promise<unknown>, state: string): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(sqlState(error), String(error)).toBe(state);
}

const UNIQUE_VIOLATION = "23505";
const CHECK_VIOLATION = "23514";

describe("figureColumn", () => {
  it("maps every catalog cell to the report_figures column named by the catalog", () => {
    for (const cell of CELLS) expect(figureColumn(cell.key).name).toBe(cell.column);
  });

  it("names the unknown key", () => {
    expect(() => figureColumn("t3.no_such_row.total")).toThrow(/Unknown cell key "t3.no_such_row.total"/);
  });
});

describe("figureColumnValues", () => {
  it("maps cell keys to columns, money to decimal strings, and refuses fractions in count cells", () => {
    expect(figureColumnValues({ "t3.new_received.total": 33, "t2.admin_fee.amount_10k_cny": 0.1, "t4.review.total": null })).toEqual({
      t3_new_received__total: 33,
      t2_admin_fee__amount_10k_cny: "0.1",
      t4_review__total: null,
    });
    expect(() => figureColumnValues({ "t3.new_received.total": 1.5 })).toThrow(/whole numbers/);
    expect(() => figureColumnValues({ "nope": 1 })).toThrow(/Unknown cell key "nope"/);
  });
});

describeEachDb("schema", (getDb) => {
  it("stores every catalog cell in its own report_figures column: integer counts, numeric(16,4) money", async () => {
    const columns = await getDb().select().from(infoColumns).where(eq(infoColumns.tableName, "report_figures"));
    const byName = new Map(columns.map((c) => [c.columnName, c]));
    expect(CELLS.length).toBeGreaterThan(290);
    for (const cell of CELLS) {
      const column = byName.get(cell.column);
      expect(column, `column for ${cell.key}`).toBeDefined();
      if (cell.integer) expect(column?.dataType, cell.key).toBe("integer");
      else expect(column, cell.key).toMatchObject({ dataType: "numeric", numericPrecision: 16, numericScale: 4 });
    }
  });

  it("seeds the 贵州 region tree: 1 province, 9 prefectures, 88 counties, 盘州's 27 townships", async () => {
    const db = getDb();
    const levels = await db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level);
    expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toEqual({ province: 1, prefecture: 9, county: 88, township: 27 });

    const parent = alias(regions, "parent");
    const perPrefecture = await db
      .select({ name: parent.name, n: count() })
      .from(regions)
      .innerJoin(parent, eq(regions.parentCode, parent.adminCode))
      .where(eq(regions.level, "county"))
      .groupBy(parent.name);
    expect(Object.fromEntries(perPrefecture.map((p) => [p.name, p.n]))).toEqual({
      贵阳市: 10,
      六盘水市: 4,
      遵义市: 14,
      安顺市: 6,
      毕节市: 8,
      铜仁市: 10,
      黔西南布依族苗族自治州: 8,
      黔东南苗族侗族自治州: 16,
      黔南布依族苗族自治州: 12,
    });

    const orphans = await db
      .select({ code: regions.adminCode })
      .from(regions)
      .leftJoin(parent, eq(regions.parentCode, parent.adminCode))
      .where(and(sql`${regions.parentCode} IS NOT NULL`, isNull(parent.adminCode)));
    expect(orphans).toEqual([]);

    const [townships] = await db.select({ n: count() }).from(regions).where(eq(regions.parentCode, "520281"));
    expect(townships?.n).toBe(27);

    const panxian = await db.select({ code: regions.adminCode }).from(regions).where(sql`'盘县' = ANY(${regions.aliases})`);
    expect(panxian).toEqual([{ code: "520281" }]);
  });

  it("rejects a region whose code is not 6 or 9 digits", async () => {
    await expectSqlState(
      getDb().insert(regions).values({ adminCode: "5202", name: "x", shortName: "x", level: "prefecture", parentCode: "520000" }),
      CHECK_VIOLATION,
    );
  });

  it("keeps one report per agency, year and document, and one current version", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    const { report, document } = await createTestReport(db, { agencyId: agency.id, year: 2024 });

    await expectSqlState(
      db.insert(reports).values({ agencyId: agency.id, year: 2024, version: 2, scope: "self", status: "published", complete: true, documentId: document.id }),
      UNIQUE_VIOLATION,
    );
    await expectSqlState(
      createTestReport(db, { agencyId: agency.id, year: 2024, report: { version: 2, supersedesId: report.id } }),
      UNIQUE_VIOLATION,
    );
  });

  it("moves report_figures' denormalised is_current with the report (ON UPDATE CASCADE)", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    const v1 = await createTestReport(db, { agencyId: agency.id, year: 2023, cells: { "t3.new_received.total": 33 } });

    await db.transaction(async (tx) => {
      await tx.update(reports).set({ isCurrent: false }).where(eq(reports.id, v1.report.id));
    });
    const v2 = await createTestReport(db, {
      agencyId: agency.id,
      year: 2023,
      cells: { "t3.new_received.total": 34 },
      report: { version: 2, supersedesId: v1.report.id },
    });

    const rows = await db
      .select({ id: reportFigures.reportId, current: reportFigures.isCurrent, received: figureColumn("t3.new_received.total") })
      .from(reportFigures)
      .where(eq(reportFigures.agencyId, agency.id));
    expect(new Map(rows.map((r) => [r.id, [r.current, r.received]]))).toEqual(
      new Map([
        [v1.report.id, [false, 33]],
        [v2.report.id, [true, 34]],
      ]),
    );

    await expectSqlState(
      db.update(reportFigures).set({ isCurrent: true }).where(eq(reportFigures.reportId, v1.report.id)),
      "23503",
    );
  });

  it("sums a count cell over current self reports as a number", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    for (const [year, n] of [[2019, 7], [2020, 8]] as const) {
      await createTestReport(db, { agencyId: agency.id, year, cells: { "t3.new_received.total": n } });
    }
    const [row] = await db
      .select({ received: sumFigure("t3.new_received.total"), denied: sumFigure("t3.denied_total.total") })
      .from(reportFigures)
      .where(and(eq(reportFigures.agencyId, agency.id), eq(reportFigures.isCurrent, true), eq(reportFigures.scope, "self")));
    expect(row).toEqual({ received: 15, denied: null });
    expect(() => sumFigure("t2.admin_fee.amount_10k_cny")).toThrow(/is money/);
  });

  it("keeps money exact (numeric, read back as a decimal string)", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    const { figures } = await createTestReport(db, { agencyId: agency.id, cells: { "t2.admin_fee.amount_10k_cny": "1234.5678" } });
    expect(figureCells(figures, ["t2.admin_fee.amount_10k_cny", "t3.new_received.total"])).toEqual({
      "t2.admin_fee.amount_10k_cny": "1234.5678",
      "t3.new_received.total": null,
    });
  });

  it("stores source bytes exactly and refuses a second copy of the same file", async () => {
    const db = getDb();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const row = { sha256, bytes, mediaType: "application/pdf", fileName: "a.pdf", sizeBytes: bytes.byteLength, surfaceFormat: "pdf" as const };
    const [stored] = await db.insert(sourceDocuments).values(row).returning({ id: sourceDocuments.id });
    const [read] = await db.select({ bytes: sourceDocuments.bytes }).from(sourceDocuments).where(eq(sourceDocuments.id, stored?.id ?? ""));
    expect(Array.from(read?.bytes ?? [])).toEqual([0, 1, 2, 250, 255]);
    await expectSqlState(db.insert(sourceDocuments).values(row), UNIQUE_VIOLATION);
  });

  it("treats e-mail addresses case-insensitively and requires an agency for agency users", async () => {
    const db = getDb();
    const user = await createTestUser(db);
    await expectSqlState(createTestUser(db, { email: user.email.toUpperCase() }), UNIQUE_VIOLATION);
    await expectSqlState(
      db.insert(users).values({ email: `no-agency-${user.id}@test.local`, name: "x", passwordHash: "x", role: "agency" }),
      CHECK_VIOLATION,
    );
    const oversight = await createTestUser(db, { role: "oversight" });
    expect(oversight).toMatchObject({ regionCode: "520000", agencyId: null });
  });

  it("keeps agency names unique within a region, also for unplaced agencies", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    await expectSqlState(createTestAgency(db, { name: agency.name }), UNIQUE_VIOLATION);
    const pending = { name: `待定${agency.id}`, nameNorm: `待定${agency.id}`, kind: "department" as const, level: "county" as const, regionCode: null, reviewStatus: "pending_review" as const };
    await db.insert(agencies).values(pending);
    await expectSqlState(db.insert(agencies).values(pending), UNIQUE_VIOLATION);
    await expectSqlState(db.insert(agencies).values({ ...pending, name: "x", nameNorm: "x", reviewStatus: "active" }), CHECK_VIOLATION);
  });

  it("resolves the declared relations for db.query", async () => {
    const db = getDb();
    const agency = await createTestAgency(db);
    const { report } = await createTestReport(db, { agencyId: agency.id, year: 2022, cells: { "t3.new_received.total": 5 } });
    const loaded = await db.query.reports.findFirst({
      where: eq(reports.id, report.id),
      columns: { id: true },
      with: { agency: { columns: { name: true }, with: { region: { columns: { name: true } } } }, figures: { columns: { year: true } }, findings: true, topics: true },
    });
    expect(loaded).toEqual({ id: report.id, agency: { name: agency.name, region: { name: "盘州市" } }, figures: { year: 2022 }, findings: [], topics: [] });

    const panzhou = await db.query.regions.findFirst({
      where: eq(regions.adminCode, "520281"),
      columns: { name: true },
      with: { parent: { columns: { name: true } }, children: { columns: { adminCode: true } } },
    });
    expect(panzhou?.parent?.name).toBe("六盘水市");
    expect(panzhou?.children).toHaveLength(27);
  });
});
