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