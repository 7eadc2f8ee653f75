CREATE TABLE "frozen_days" (
	"member_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "frozen_days_member_id_local_date_pk" PRIMARY KEY("member_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "rest_days" (
	"member_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rest_days_member_id_local_date_pk" PRIMARY KEY("member_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "freezes_held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "evening_time" text;--> statement-breakpoint
ALTER TABLE "frozen_days" ADD CONSTRAINT "frozen_days_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rest_days" ADD CONSTRAINT "rest_days_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;