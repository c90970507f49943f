CREATE TABLE "tag_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"tag_id" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "community_media_user_id_idx";--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "caption" text;--> statement-breakpoint
ALTER TABLE "community_media" ADD COLUMN "alt_text" text;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tag_aliases" ADD CONSTRAINT "tag_aliases_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tag_aliases_tag_id_idx" ON "tag_aliases" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "tag_aliases_prefix_idx" ON "tag_aliases" USING btree ("alias" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "community_media_user_feed_idx" ON "community_media" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tags_slug_prefix_idx" ON "tags" USING btree ("slug" text_pattern_ops);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): tags.item_count follows community_media_tags,
-- whichever path adds or removes an assignment (a share, an unshare, a cascade from a deleted item or user).
CREATE FUNCTION "tags_count_assignments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE "tags" SET "item_count" = "item_count" + 1 WHERE "id" = NEW."tag_id";
	ELSE
		UPDATE "tags" SET "item_count" = "item_count" - 1 WHERE "id" = OLD."tag_id";
	END IF;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "community_media_tags_count" AFTER INSERT OR DELETE ON "community_media_tags"
	FOR EACH ROW EXECUTE FUNCTION "tags_count_assignments"();--> statement-breakpoint
UPDATE "tags" SET "item_count" = (SELECT count(*) FROM "community_media_tags" WHERE "tag_id" = "tags"."id");
