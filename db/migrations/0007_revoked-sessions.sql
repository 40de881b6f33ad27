CREATE TABLE "revoked_sessions" (
	"user_id" uuid NOT NULL,
	"issued_at_ms" bigint NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revoked_sessions_pk" PRIMARY KEY("user_id","issued_at_ms")
);
--> statement-breakpoint
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;