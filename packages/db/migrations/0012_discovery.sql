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
-- Per statement, from its transition table: a bulk insert updates each tag row once, not once per row.
CREATE FUNCTION "tags_count_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "tags" SET "item_count" = "tags"."item_count" + "added"."n"
	FROM (SELECT "tag_id", count(*) AS "n" FROM "new_rows" GROUP BY "tag_id") AS "added"
	WHERE "tags"."id" = "added"."tag_id";
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "tags_count_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "tags" SET "item_count" = "tags"."item_count" - "removed"."n"
	FROM (SELECT "tag_id", count(*) AS "n" FROM "old_rows" GROUP BY "tag_id") AS "removed"
	WHERE "tags"."id" = "removed"."tag_id";
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "community_media_tags_count_added" AFTER INSERT ON "community_media_tags"
	REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tags_count_added"();--> statement-breakpoint
CREATE TRIGGER "community_media_tags_count_removed" AFTER DELETE ON "community_media_tags"
	REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tags_count_removed"();--> statement-breakpoint
UPDATE "tags" SET "item_count" = (SELECT count(*) FROM "community_media_tags" WHERE "tag_id" = "tags"."id");
