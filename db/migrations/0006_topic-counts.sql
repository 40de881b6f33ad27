ALTER TABLE "report_figures" ADD COLUMN "nt_reports__read" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_reports__counted" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_land_requisition__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_land_requisition__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_demolition__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_demolition__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_planning__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_planning__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_property_registration__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_property_registration__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_social_security__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_social_security__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_housing_security__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_housing_security__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_project_approval__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_project_approval__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_enforcement__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_enforcement__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_public_funds__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_public_funds__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_education__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_education__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_environment__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_environment__count" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_other__mentioned" integer;--> statement-breakpoint
ALTER TABLE "report_figures" ADD COLUMN "nt_other__count" integer;--> statement-breakpoint
ALTER TABLE "report_topics" ADD COLUMN "count" integer;--> statement-breakpoint
ALTER TABLE "report_topics" ADD COLUMN "count_phrase" text;--> statement-breakpoint
ALTER TABLE "report_topics" ADD COLUMN "count_sentence" text;--> statement-breakpoint
ALTER TABLE "report_topics" ADD COLUMN "count_location" jsonb;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_counts_stated_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_counts_stated_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_counts_stated_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_land_requisition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_land_requisition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_land_requisition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_land_requisition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_land_requisition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_land_requisition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_land_requisition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_land_requisition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_land_requisition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_demolition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_demolition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_demolition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_demolition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_demolition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_demolition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_demolition_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_demolition_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_demolition_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_planning_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_planning_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_planning_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_planning_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_planning_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_planning_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_planning_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_planning_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_planning_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_property_registration_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_property_registration_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_property_registration_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_property_registration_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_property_registration_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_property_registration_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_property_registration_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_property_registration_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_property_registration_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_social_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_social_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_social_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_social_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_social_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_social_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_social_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_social_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_social_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_housing_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_housing_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_housing_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_housing_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_housing_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_housing_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_housing_security_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_housing_security_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_housing_security_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_project_approval_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_project_approval_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_project_approval_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_project_approval_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_project_approval_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_project_approval_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_project_approval_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_project_approval_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_project_approval_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_enforcement_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_enforcement_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_enforcement_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_enforcement_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_enforcement_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_enforcement_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_enforcement_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_enforcement_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_enforcement_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_public_funds_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_public_funds_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_public_funds_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_public_funds_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_public_funds_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_public_funds_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_public_funds_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_public_funds_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_public_funds_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_education_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_education_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_education_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_education_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_education_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_education_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_education_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_education_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_education_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_environment_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_environment_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_environment_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_environment_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_environment_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_environment_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_environment_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_environment_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_environment_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_other_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_other_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_mention_other_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_other_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_other_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_other_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_other_n" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_other_d" numeric;--> statement-breakpoint
ALTER TABLE "dashboard_groups" ADD COLUMN "s_topic_count_share_other_c" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_counts_stated_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_land_requisition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_land_requisition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_land_requisition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_demolition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_demolition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_demolition_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_planning_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_planning_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_planning_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_property_registration_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_property_registration_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_property_registration_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_social_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_social_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_social_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_housing_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_housing_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_housing_security_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_project_approval_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_project_approval_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_project_approval_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_enforcement_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_enforcement_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_enforcement_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_public_funds_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_public_funds_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_public_funds_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_education_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_education_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_education_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_environment_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_environment_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_environment_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_mention_other_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_other_v" double precision;--> statement-breakpoint
ALTER TABLE "dashboard_peer_values" ADD COLUMN "s_topic_count_share_other_v" double precision;--> statement-breakpoint
ALTER TABLE "report_topics" ADD CONSTRAINT "report_topics_count_ck" CHECK ("report_topics"."count" is null or "report_topics"."count" >= 0);
--> statement-breakpoint
-- Reports stored before this migration: mentions from their stored topics. Whether they state
-- counts is unknown until they are ingested again, so nt_reports__counted and the counts stay null.
UPDATE "report_figures" AS f SET
  "nt_reports__read" = 1,
  "nt_land_requisition__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'land_requisition') then 1 else 0 end),
  "nt_demolition__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'demolition') then 1 else 0 end),
  "nt_planning__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'planning') then 1 else 0 end),
  "nt_property_registration__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'property_registration') then 1 else 0 end),
  "nt_social_security__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'social_security') then 1 else 0 end),
  "nt_housing_security__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'housing_security') then 1 else 0 end),
  "nt_project_approval__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'project_approval') then 1 else 0 end),
  "nt_enforcement__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'enforcement') then 1 else 0 end),
  "nt_public_funds__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'public_funds') then 1 else 0 end),
  "nt_education__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'education') then 1 else 0 end),
  "nt_environment__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'environment') then 1 else 0 end),
  "nt_other__mentioned" = (case when exists (select 1 from "report_topics" t where t."report_id" = f."report_id" and t."topic" = 'other') then 1 else 0 end);
