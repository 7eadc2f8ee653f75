CREATE TABLE "phase_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "phase_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"phase" integer NOT NULL,
	"round" integer NOT NULL,
	"review_date" date NOT NULL,
	"decision" text,
	"decided_on" date,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phase_reviews_memberId_phase_round_unique" UNIQUE("member_id","phase","round")
);
--> statement-breakpoint
ALTER TABLE "phase_reviews" ADD CONSTRAINT "phase_reviews_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;