CREATE TABLE "rendition_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rendition_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"media_id" integer,
	"community_media_id" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lease_id" text,
	"leased_until" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rendition_jobs_one_target_check" CHECK (("rendition_jobs"."media_id" is null) <> ("rendition_jobs"."community_media_id" is null))
);
--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "duration_ms" integer;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "placeholder" text;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "thumbnail_path" text;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "preview_path" text;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "rendition_error" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "placeholder" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "thumbnail_path" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "preview_path" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "rendition_error" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "stripped_path" text;--> statement-breakpoint
ALTER TABLE "rendition_jobs" ADD CONSTRAINT "rendition_jobs_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendition_jobs" ADD CONSTRAINT "rendition_jobs_community_media_id_community_media_id_fk" FOREIGN KEY ("community_media_id") REFERENCES "public"."community_media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rendition_jobs_media_id_key" ON "rendition_jobs" USING btree ("media_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rendition_jobs_community_media_id_key" ON "rendition_jobs" USING btree ("community_media_id");--> statement-breakpoint
CREATE INDEX "rendition_jobs_run_after_idx" ON "rendition_jobs" USING btree ("run_after");