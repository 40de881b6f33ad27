CREATE TABLE "dashboard_coverage" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"expected" integer NOT NULL,
	"received" integer NOT NULL,
	"on_time" integer NOT NULL,
	"late" integer NOT NULL,
	"unknown_date" integer NOT NULL,
	"with_errors" integer NOT NULL,
	"region_aggregate" integer NOT NULL,
	"self_reports" integer NOT NULL,
	"self_applications" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_coverage_pk" PRIMARY KEY("year","region_code")
);
--> statement-breakpoint
CREATE TABLE "dashboard_groups" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"format_version" text,
	"scope" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"dept_type" text,
	"reports" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_groups_key_uq" UNIQUE NULLS NOT DISTINCT("year","region_code","format_version","scope","level","kind","dept_type")
);
--> statement-breakpoint
CREATE TABLE "dashboard_indicator_sums" (
	"indicator" text NOT NULL,
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"format_version" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"dept_type" text,
	"numerator" numeric,
	"denominator" numeric,
	"reports" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_indicator_sums_key_uq" UNIQUE NULLS NOT DISTINCT("indicator","year","region_code","format_version","level","kind","dept_type")
);
--> statement-breakpoint
CREATE TABLE "dashboard_rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_rollups_dirty" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_rollups_dirty_pk" PRIMARY KEY("year","region_code")
);
--> statement-breakpoint
CREATE TABLE "dashboard_topics" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"topic" text NOT NULL,
	"reports" integer NOT NULL,
	"applications" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_topics_pk" PRIMARY KEY("year","region_code","topic")
);
--> statement-breakpoint
CREATE INDEX "dashboard_groups_region_year_idx" ON "dashboard_groups" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "dashboard_indicator_sums_region_year_idx" ON "dashboard_indicator_sums" USING btree ("region_code","year");