ALTER TABLE "reports" DROP CONSTRAINT "reports_agency_year_document_uq";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "correction_of" uuid;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "corrections" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_correction_of_fk" FOREIGN KEY ("correction_of") REFERENCES "public"."reports"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_agency_year_document_uq" ON "reports" USING btree ("agency_id","year","document_id") WHERE "reports"."correction_of" is null;