import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uuid,
  type PgColumn,
} from "drizzle-orm/pg-core";
import { CELLS, type CellDef } from "../../lib/catalog/cells";
import { FIGURE_BY_KEY, TOPIC_FIGURES } from "../../lib/catalog/figures";
import type { NullReason } from "../../lib/catalog/formats";
import type { Provenance } from "../../lib/records/parsed-report";
import { timestamps } from "./_shared";
import { FORMAT_VERSIONS, REPORT_SCOPES } from "./reports.constants";
import { regions } from "./regions";
import { reports } from "./reports";

/*
 * One row per report, one column per catalog cell (read and derived, both formats), named by
 * `CellDef.column` (t3_new_received__total). Sums over 100,000 reports then read one row per
 * report with plain SUM(column): no key-value pivot, no JSON extraction, and the planner can use
 * the (year, is_current, scope) and (region_code, year) indexes. Adding a cell to the catalog adds
 * a column here on the next `db:generate`.
 */

function cellColumn(cell: CellDef) {
  // Counts and item numbers are integers; money (万元 fees, 元 procurement) is exact decimal.
  return cell.integer ? integer(cell.column) : numeric(cell.column, { precision: 16, scale: 4 });
}

type CellColumnBuilder = ReturnType<typeof cellColumn>;

const cellColumns: Record<string, CellColumnBuilder> = Object.fromEntries([
  ...CELLS.map((c): [string, CellColumnBuilder] => [c.column, cellColumn(c)]),
  // Application-mix figures from the narrative (lib/catalog/figures.ts): mention flags and stated counts.
  ...TOPIC_FIGURES.map((f): [string, CellColumnBuilder] => [f.column, integer(f.column)]),
]);

export const reportFigures = pgTable(
  "report_figures",
  {
    reportId: uuid("report_id").primaryKey(),
    // Denormalised from reports/agencies so aggregate sums never join. report_figures_report_fk
    // keeps agency_id, year, scope and is_current equal to the report's (ON UPDATE CASCADE);
    // format_version and region_code are copied by the ingest mutation.
    agencyId: uuid("agency_id").notNull(),
    year: integer("year").notNull(),
    scope: text("scope", { enum: REPORT_SCOPES }).notNull(),
    formatVersion: text("format_version", { enum: FORMAT_VERSIONS }),
    regionCode: text("region_code"),
    isCurrent: boolean("is_current").notNull(),
    ...cellColumns,
    /** Why a cell is null, by cell key; only null cells appear. */
    nullReasons: jsonb("null_reasons").$type<Record<string, NullReason>>().notNull().default(sql`'{}'::jsonb`),
    /** Where each read cell came from, by cell key. */
    provenance: jsonb("provenance").$type<Record<string, Provenance>>().notNull().default(sql`'{}'::jsonb`),
    ...timestamps,
  },
  (t) => [
    foreignKey({
      name: "report_figures_report_fk",
      columns: [t.reportId, t.agencyId, t.year, t.scope, t.isCurrent],
      foreignColumns: [reports.id, reports.agencyId, reports.year, reports.scope, reports.isCurrent],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    foreignKey({ name: "report_figures_region_fk", columns: [t.regionCode], foreignColumns: [regions.adminCode] }).onDelete("restrict"),
    index("report_figures_year_current_scope_idx").on(t.year, t.isCurrent, t.scope),
    index("report_figures_region_year_idx").on(t.regionCode, t.year),
    index("report_figures_agency_year_idx").on(t.agencyId, t.year),
  ],
);

export type ReportFigures = typeof reportFigures.$inferSelect;
export type NewReportFigures = typeof reportFigures.$inferInsert;

/** A stored cell: integer cells as numbers, money cells as exact decimal strings ("1234.5678"). */
export type FigureValue = number | string | null;

/** A cell's storage column: integer for counts, numeric (read back as a decimal string) for money. */
export type FigureColumn = PgColumn;

/** The column that stores a catalog cell, by cell key (`t3.new_received.total`). */
export function figureColumn(key: string): FigureColumn {
  const cell = FIGURE_BY_KEY.get(key);
  if (!cell) throw new Error(`Unknown cell key "${key}": not in lib/catalog, so report_figures has no column for it.`);
  return figureColumnByName(cell.column);
}

/**
 * SUM of a count cell over the selected rows, as a number (null when every row is null).
 * Drizzle's `sum()` returns a string; money cells should use it to stay exact.
 */
export function sumFigure(key: string): SQL<number | null> {
  const cell = FIGURE_BY_KEY.get(key);
  if (cell && !cell.integer) throw new Error(`Cell ${key} is money: use drizzle's sum(figureColumn(key)), which keeps the exact decimal string.`);
  return sql<number | null>`sum(${figureColumn(key)})`.mapWith((v: unknown) => (v === null ? null : Number(v)));
}

function figureColumnByName(column: string): FigureColumn {
  const col = (reportFigures as unknown as Record<string, FigureColumn | undefined>)[column];
  if (!col) throw new Error(`report_figures has no column "${column}"; run \`npm run db:generate\` after changing the catalog.`);
  return col;
}

/**
 * The cell columns of a row, which the row type cannot list because they are generated from the
 * catalog at run time. Drizzle still selects and returns every one of them.
 */
function cellColumnsOf(row: ReportFigures): Record<string, FigureValue | undefined> {
  return row as unknown as Record<string, FigureValue | undefined>;
}

/** A report_figures row's cell values by catalog key (all cells, or `keys`). */
export function figureCells(row: ReportFigures, keys: readonly string[] = CELLS.map((c) => c.key)): Record<string, FigureValue> {
  const columns = cellColumnsOf(row);
  const out: Record<string, FigureValue> = {};
  for (const key of keys) {
    const cell = FIGURE_BY_KEY.get(key);
    if (!cell) throw new Error(`Unknown cell key "${key}": not in lib/catalog.`);
    out[key] = columns[cell.column] ?? null;
  }
  return out;
}

/**
 * Insert/update values for report_figures from cell values by catalog key. Money goes to the
 * driver as a decimal string, so numeric keeps exactly the digits the parser read.
 */
export function figureColumnValues(cells: Readonly<Record<string, number | string | null>>): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  for (const [key, value] of Object.entries(cells)) {
    const cell = FIGURE_BY_KEY.get(key);
    if (!cell) throw new Error(`Unknown cell key "${key}": not in lib/catalog, so report_figures has no column for it.`);
    if (value !== null && cell.integer && !Number.isInteger(Number(value))) {
      throw new Error(`Cell ${key} holds whole numbers; got ${String(value)}.`);
    }
    out[cell.column] = value === null ? null : cell.integer ? Number(value) : String(value);
  }
  return out;
}
