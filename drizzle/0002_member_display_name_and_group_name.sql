ALTER TABLE "members" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "name" text DEFAULT 'Study group' NOT NULL;