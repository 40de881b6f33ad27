import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import type { SurfaceFormat } from "../../lib/ingest/extract/types";
import { bytea, timestamps } from "./_shared";
import { users } from "./users";

/**
 * The original file of every report, stored once per content hash, so every figure can be traced
 * back to the bytes it was read from.
 */
export const sourceDocuments = pgTable(
  "source_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-case hex SHA-256 of `bytes`. */
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    mediaType: text("media_type").notNull(),
    fileName: text("file_name").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The extractor that read it; not CHECKed so a new extractor needs no migration. */
    surfaceFormat: text("surface_format").$type<SurfaceFormat>().notNull(),
    uploadedBy: uuid("uploaded_by"),
    ...timestamps,
  },
  (t) => [
    // A unique constraint (not just an index) so ingestion can upsert on it.
    foreignKey({ name: "source_documents_uploaded_by_fk", columns: [t.uploadedBy], foreignColumns: [users.id] }).onDelete("set null"),
    unique("source_documents_sha256_uq").on(t.sha256),
    index("source_documents_uploaded_by_idx").on(t.uploadedBy),
    check("source_documents_sha256_ck", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("source_documents_size_ck", sql`${t.sizeBytes} >= 0`),
  ],
);

export type SourceDocument = typeof sourceDocuments.$inferSelect;
export type NewSourceDocument = typeof sourceDocuments.$inferInsert;
