CREATE TABLE "commitments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commitments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"position" integer NOT NULL,
	"weekday" text,
	"text" text NOT NULL,
	"done_on" date,
	CONSTRAINT "commitments_memberId_weekStart_position_unique" UNIQUE("member_id","week_start","position"),
	CONSTRAINT "commitments_position_range" CHECK ("commitments"."position" between 1 and 3),
	CONSTRAINT "commitments_text_length" CHECK (char_length("commitments"."text") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "reflections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reflections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"went_well" text DEFAULT '' NOT NULL,
	"in_the_way" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reflections_memberId_weekStart_unique" UNIQUE("member_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;