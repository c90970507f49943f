ALTER TABLE "community_media_tags" ADD COLUMN "user_id" integer;--> statement-breakpoint
CREATE INDEX "community_media_tags_user_feed_idx" ON "community_media_tags" USING btree ("tag_id","user_id","created_at" DESC NULLS FIRST,"community_media_id" DESC NULLS FIRST);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): every assignment carries its item's owner,
-- whichever path inserts it (a share, a re-share, a tag merge), so `user_id` is never left out.
CREATE FUNCTION "community_media_tags_set_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW."user_id" := (SELECT "user_id" FROM "community_media" WHERE "id" = NEW."community_media_id");
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "community_media_tags_set_user" BEFORE INSERT OR UPDATE OF "community_media_id" ON "community_media_tags"
	FOR EACH ROW EXECUTE FUNCTION "community_media_tags_set_user"();--> statement-breakpoint
UPDATE "community_media_tags" SET "user_id" = "community_media"."user_id"
	FROM "community_media" WHERE "community_media"."id" = "community_media_tags"."community_media_id";
