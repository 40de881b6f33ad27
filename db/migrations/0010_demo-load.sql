CREATE TABLE "demo_load" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"planned" integer NOT NULL,
	"loaded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"corpus" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demo_load_one_row" CHECK ("demo_load"."id" = 1),
	CONSTRAINT "demo_load_corpus_ck" CHECK ("demo_load"."corpus" in ('full', 'small')),
	CONSTRAINT "demo_load_counts_ck" CHECK ("demo_load"."planned" >= 0 and "demo_load"."loaded" >= 0 and "demo_load"."failed" >= 0)
);
