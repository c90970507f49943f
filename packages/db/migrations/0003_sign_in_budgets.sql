CREATE INDEX "login_throttle_window_started_at_idx" ON "login_throttle" USING btree ("window_started_at");--> statement-breakpoint
ALTER TABLE "login_throttle" DROP COLUMN "locked_until";