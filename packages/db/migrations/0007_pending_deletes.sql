CREATE TABLE "pending_deletes" (
	"bucket" text NOT NULL,
	"path" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_deletes_bucket_path_pk" PRIMARY KEY("bucket","path")
);
--> statement-breakpoint
CREATE INDEX "pending_deletes_next_attempt_at_idx" ON "pending_deletes" USING btree ("next_attempt_at");