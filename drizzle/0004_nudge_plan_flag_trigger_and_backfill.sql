-- members.needs_nudge_plan is true while a member may have no pending nudge, so the minute tick reads
-- only those members (members_needs_nudge_plan_idx) instead of scanning all of them (DESIGN.md: the
-- tick costs what is due). The database keeps it, whichever code path ends or arms a nudge row: a
-- pending nudge that is finished, cancelled or deleted sets it; a pending nudge inserted clears it.
-- Every change takes the member row's lock, so the last event wins: the flag is never false while no
-- nudge is pending (it may be true while one is; the tick then only clears it).
CREATE FUNCTION deliveries_nudge_plan_flag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.kind = 'nudge' AND OLD.status = 'pending' THEN
      UPDATE members SET needs_nudge_plan = true WHERE id = OLD.subject_id AND NOT needs_nudge_plan;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.kind = 'nudge' AND NEW.status = 'pending' THEN
      UPDATE members SET needs_nudge_plan = false WHERE id = NEW.subject_id AND needs_nudge_plan;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deliveries_nudge_plan_flag
  AFTER INSERT OR UPDATE OF status, kind, subject_id OR DELETE ON deliveries
  FOR EACH ROW EXECUTE FUNCTION deliveries_nudge_plan_flag();
--> statement-breakpoint
-- Backfill: the new column starts true for every member; those with a pending nudge are planned.
UPDATE members SET needs_nudge_plan = false
  WHERE EXISTS (
    SELECT 1 FROM deliveries d WHERE d.kind = 'nudge' AND d.subject_id = members.id AND d.status = 'pending'
  );
