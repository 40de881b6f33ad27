CREATE TABLE "ingest_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea",
	"size_bytes" integer NOT NULL,
	"report_status" text NOT NULL,
	"source" text NOT NULL,
	"batch" text,
	"agency_name" text,
	"year" integer,
	"defer_cross_year" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"code" text,
	"message" text,
	"report_id" uuid,
	"summary" jsonb,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingest_jobs_state_ck" CHECK (state in ('queued', 'parsing', 'stored', 'skipped', 'failed')),
	CONSTRAINT "ingest_jobs_source_ck" CHECK (source in ('upload', 'self_review', 'cli', 'demo')),
	CONSTRAINT "ingest_jobs_report_status_ck" CHECK ("ingest_jobs"."report_status" in ('draft', 'published'))
);
--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD CONSTRAINT "ingest_jobs_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD CONSTRAINT "ingest_jobs_report_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ingest_jobs_created_by_idx" ON "ingest_jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "ingest_jobs_batch_idx" ON "ingest_jobs" USING btree ("batch");--> statement-breakpoint
CREATE INDEX "ingest_jobs_open_idx" ON "ingest_jobs" USING btree ("state") WHERE "ingest_jobs"."state" in ('queued', 'parsing');