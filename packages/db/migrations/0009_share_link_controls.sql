CREATE TABLE "share_link_salts" (
	"day" text PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_link_visits" (
	"share_code" text NOT NULL,
	"visitor" text NOT NULL,
	"hour" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "share_link_visits_share_code_visitor_hour_pk" PRIMARY KEY("share_code","visitor","hour")
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"share_code" text PRIMARY KEY NOT NULL,
	"media_id" integer NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"max_views" integer,
	"password_hash" text,
	"allow_download" boolean DEFAULT true NOT NULL,
	"show_metadata" boolean DEFAULT false NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_links_max_views_check" CHECK ("share_links"."max_views" is null or "share_links"."max_views" >= 1)
);
--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_link_visits_hour_idx" ON "share_link_visits" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "share_links_media_id_idx" ON "share_links" USING btree ("media_id");