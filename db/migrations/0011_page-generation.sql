ALTER TABLE "dashboard_cache_generation" ADD COLUMN "content_generation" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The page cache's counter (lib/http/page-cache.ts, db/page-cache-tables.ts). The first row a
-- transaction writes to a watched table queues one deferred event (the WHEN function answers true
-- once per transaction, and is evaluated at once even for a deferred trigger); the event bumps
-- the counter at commit, so the row lock is held only for the commit's last moment and parallel
-- writers do not queue behind each other. A rolled-back transaction (or savepoint) drops both
-- its event and its setting: nothing is bumped for a write that never happened.
CREATE FUNCTION "gongkai_content_first_write"() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF current_setting('gongkai.content_written_xid', true) IS NOT DISTINCT FROM txid_current()::text THEN
    RETURN false;
  END IF;
  PERFORM set_config('gongkai.content_written_xid', txid_current()::text, true);
  RETURN true;
END $$;
--> statement-breakpoint
CREATE FUNCTION "gongkai_bump_content_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "dashboard_cache_generation" ("id", "content_generation") VALUES (1, 1)
  ON CONFLICT ("id") DO UPDATE SET "content_generation" = "dashboard_cache_generation"."content_generation" + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "agencies_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "agencies" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "agencies_content_generation_truncate" AFTER TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_coverage_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_coverage" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_coverage_content_generation_truncate" AFTER TRUNCATE ON "dashboard_coverage" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_groups_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_groups" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_groups_content_generation_truncate" AFTER TRUNCATE ON "dashboard_groups" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_peer_values_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_peer_values" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_peer_values_content_generation_truncate" AFTER TRUNCATE ON "dashboard_peer_values" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_rollup_state_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_rollup_state" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_rollup_state_content_generation_truncate" AFTER TRUNCATE ON "dashboard_rollup_state" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_rollups_dirty_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_rollups_dirty" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_rollups_dirty_content_generation_truncate" AFTER TRUNCATE ON "dashboard_rollups_dirty" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_topics_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "dashboard_topics" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_topics_content_generation_truncate" AFTER TRUNCATE ON "dashboard_topics" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "findings_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "findings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "findings_content_generation_truncate" AFTER TRUNCATE ON "findings" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "regions_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "regions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "regions_content_generation_truncate" AFTER TRUNCATE ON "regions" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "report_figures_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "report_figures" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "report_figures_content_generation_truncate" AFTER TRUNCATE ON "report_figures" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "report_topics_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "report_topics" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "report_topics_content_generation_truncate" AFTER TRUNCATE ON "report_topics" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reports_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "reports" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "reports_content_generation_truncate" AFTER TRUNCATE ON "reports" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "source_documents_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "source_documents" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "source_documents_content_generation_truncate" AFTER TRUNCATE ON "source_documents" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_content_generation" AFTER INSERT OR DELETE OR UPDATE OF "email", "name", "role", "agency_id", "region_code", "disabled" ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("gongkai_content_first_write"()) EXECUTE FUNCTION "gongkai_bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "users_content_generation_truncate" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "gongkai_bump_content_generation"();
