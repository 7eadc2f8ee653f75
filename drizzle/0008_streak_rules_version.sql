-- Members enrolled before freezes (migration 0007) carry a streak computed without them: they are marked 0 and
-- recomputed from their history in the background at start; rows inserted from now on start at the current rules.
ALTER TABLE "members" ADD COLUMN "streak_rules" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "streak_rules" SET DEFAULT 1;
