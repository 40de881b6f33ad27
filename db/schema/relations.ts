/** Drizzle relations, for `db.query.<table>.findMany({ with: … })`. No SQL of their own. */
import { relations } from "drizzle-orm";
import { agencies } from "./agencies";
import { auditLog } from "./audit-log";
import { findings } from "./findings";
import { regions } from "./regions";
import { reportFigures } from "./report-figures";
import { reportTopics } from "./report-topics";
import { reports } from "./reports";
import { sourceDocuments } from "./source-documents";
import { users } from "./users";

export const regionsRelations = relations(regions, ({ one, many }) => ({
  parent: one(regions, { fields: [regions.parentCode], references: [regions.adminCode], relationName: "region_parent" }),
  children: many(regions, { relationName: "region_parent" }),
  agencies: many(agencies),
}));

export const agenciesRelations = relations(agencies, ({ one, many }) => ({
  region: one(regions, { fields: [agencies.regionCode], references: [regions.adminCode] }),
  parent: one(agencies, { fields: [agencies.parentAgencyId], references: [agencies.id], relationName: "agency_parent" }),
  children: many(agencies, { relationName: "agency_parent" }),
  reports: many(reports),
  users: many(users),
}));

export const usersRelations = relations(users, ({ one }) => ({
  agency: one(agencies, { fields: [users.agencyId], references: [agencies.id] }),
  region: one(regions, { fields: [users.regionCode], references: [regions.adminCode] }),
}));

export const sourceDocumentsRelations = relations(sourceDocuments, ({ many }) => ({
  reports: many(reports),
}));

export const reportsRelations = relations(reports, ({ one, many }) => ({
  agency: one(agencies, { fields: [reports.agencyId], references: [agencies.id] }),
  document: one(sourceDocuments, { fields: [reports.documentId], references: [sourceDocuments.id] }),
  supersedes: one(reports, { fields: [reports.supersedesId], references: [reports.id], relationName: "report_supersedes" }),
  // No fields here: report_figures holds the key, so a report without figures yields null.
  figures: one(reportFigures),
  findings: many(findings, { relationName: "finding_report" }),
  topics: many(reportTopics),
}));

export const reportFiguresRelations = relations(reportFigures, ({ one }) => ({
  report: one(reports, { fields: [reportFigures.reportId], references: [reports.id] }),
  agency: one(agencies, { fields: [reportFigures.agencyId], references: [agencies.id] }),
}));

export const findingsRelations = relations(findings, ({ one }) => ({
  report: one(reports, { fields: [findings.reportId], references: [reports.id], relationName: "finding_report" }),
  resolvedBy: one(reports, { fields: [findings.resolvedByReportId], references: [reports.id], relationName: "finding_resolved_by" }),
}));

export const reportTopicsRelations = relations(reportTopics, ({ one }) => ({
  report: one(reports, { fields: [reportTopics.reportId], references: [reports.id] }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  actor: one(users, { fields: [auditLog.actorUserId], references: [users.id] }),
}));
