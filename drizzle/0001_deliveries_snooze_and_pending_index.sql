DROP INDEX "deliveries_status_due_at_index";--> statement-breakpoint
CREATE INDEX "deliveries_pending_due_idx" ON "deliveries" USING btree ("due_at") WHERE status = 'pending';