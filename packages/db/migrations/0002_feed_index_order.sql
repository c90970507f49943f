DROP INDEX "activity_log_user_created_idx";--> statement-breakpoint
DROP INDEX "community_media_feed_idx";--> statement-breakpoint
DROP INDEX "community_media_origin_feed_idx";--> statement-breakpoint
DROP INDEX "community_media_tags_feed_idx";--> statement-breakpoint
DROP INDEX "media_user_created_idx";--> statement-breakpoint
CREATE INDEX "activity_log_user_created_idx" ON "activity_log" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "community_media_feed_idx" ON "community_media" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "community_media_origin_feed_idx" ON "community_media" USING btree ("origin","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "community_media_tags_feed_idx" ON "community_media_tags" USING btree ("tag_id","created_at" DESC NULLS FIRST,"community_media_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "media_user_created_idx" ON "media" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);