CREATE TABLE "dashboard_peer_dists" (
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"basis" text NOT NULL,
	"peer_key" text NOT NULL,
	"indicator" text NOT NULL,
	"n" integer NOT NULL,
	"vals" double precision[] NOT NULL,
	"at_most" integer[] NOT NULL,
	CONSTRAINT "dashboard_peer_dists_pk" PRIMARY KEY("level","basis","peer_key","indicator","year")
);
--> statement-breakpoint
CREATE TABLE "dashboard_peer_groups" (
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"basis" text NOT NULL,
	"peer_key" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "dashboard_peer_groups_pk" PRIMARY KEY("level","basis","peer_key","year")
);
--> statement-breakpoint
ALTER TABLE "dashboard_coverage" ADD COLUMN "partly_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dashboard_peer_dists_empty_idx" ON "dashboard_peer_dists" USING btree ("year") WHERE "dashboard_peer_dists"."n" = 0;--> statement-breakpoint
CREATE INDEX "dashboard_peer_groups_empty_idx" ON "dashboard_peer_groups" USING btree ("year") WHERE "dashboard_peer_groups"."reports" = 0;
-- The page cache watches the peer distributions like the other rollups (db/page-cache-tables.ts).
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_peer_dists_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_peer_dists" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_peer_dists_content_generation_truncate" AFTER TRUNCATE ON "dashboard_peer_dists" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_peer_groups_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_peer_groups" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_peer_groups_content_generation_truncate" AFTER TRUNCATE ON "dashboard_peer_groups" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
