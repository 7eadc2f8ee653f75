import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { groupMembers, type Member, memberPauses, members, studyGroups } from '../../schema/index.js';
import { notEnrolled, UserFacingError } from '../coach/errors.js';
import { type Enrollment, enrollmentSchema, localDateField, parseInput, settingsSchema } from '../coach/inputs.js';
import type { StreakRules } from '../coach/streak.js';
import { addDays, daysBetween, type LocalDate } from '../coach/time.js';
import type { Db } from './db.js';
import { replanNudge } from './deliveries.repository.js';
import { planNextSummary } from './groups.repository.js';
import { lockMember, readPauses, refreshStreak } from './streaks.js';

export type EnrollResult = { member: Member; created: boolean };

export function createMembersRepository({ db, rules }: { db: Db; rules: StreakRules }) {
  async function findByDiscordId(discordUserId: string): Promise<Member | undefined> {
    const [member] = await db.select().from(members).where(eq(members.discordUserId, discordUserId));
    return member;
  }

  async function findById(memberId: number): Promise<Member | undefined> {
    const [member] = await db.select().from(members).where(eq(members.id, memberId));
    return member;
  }

  /** Clears a "DMs closed" mark when the member interacts again; true when there was one. */
  async function reopenDms(discordUserId: string): Promise<boolean> {
    const rows = await db
      .update(members)
      .set({ dmsClosedAt: null })
      .where(and(eq(members.discordUserId, discordUserId), isNotNull(members.dmsClosedAt)))
      .returning({ id: members.id });
    return rows.length > 0;
  }

  async function requireByDiscordId(discordUserId: string): Promise<Member> {
    const member = await findByDiscordId(discordUserId);
    if (!member) throw notEnrolled();
    return member;
  }

  /** Enrolls a member, or updates their enrollment when they run /start again. */
  async function enroll(
    discordUserId: string,
    raw: Record<keyof Enrollment, unknown>,
    now: Date,
    where: { guildId?: string | undefined; guildName?: string | undefined; displayName?: string | undefined } = {},
  ): Promise<EnrollResult> {
    const input = parseInput(enrollmentSchema, raw);
    return db.transaction(async (tx) => {
      const existing = await tx
        .select({ id: members.id })
        .from(members)
        .where(eq(members.discordUserId, discordUserId));
      const displayName = where.displayName?.slice(0, 80);
      const [member] = await tx
        .insert(members)
        .values({ discordUserId, displayName, ...input })
        .onConflictDoUpdate({ target: members.discordUserId, set: { ...input, displayName, updatedAt: now } })
        .returning();
      if (!member) throw new Error('enroll returned no row');
      if (where.guildId) await joinGroup(tx, where.guildId, where.guildName ?? 'Study group', member.id, now);
      await replanNudge(tx, member, now);
      return { member, created: existing.length === 0 };
    });
  }

  async function updateSettings(memberId: number, raw: Record<string, unknown>, now: Date): Promise<Member> {
    const input = parseInput(settingsSchema, raw);
    return db.transaction(async (tx) => {
      const [member] = await tx
        .update(members)
        .set({ ...input, updatedAt: now })
        .where(eq(members.id, memberId))
        .returning();
      if (!member) throw notEnrolled();
      // Thrown inside the transaction: nothing of this change is stored.
      if (member.eveningTime && member.eveningTime <= member.nudgeTime) {
        const field = input.eveningTime ? 'evening' : 'time';
        throw new UserFacingError(
          `${field}: the evening save (${member.eveningTime}) must come after the daily nudge (${member.nudgeTime}), ` +
            'on the same day',
          field === 'evening' ? 'eveningTime' : 'nudgeTime',
        );
      }
      // A new zone or time moves the pending nudge and evening save; a date already sent keeps its one message.
      if (input.timeZone || input.nudgeTime || input.eveningTime !== undefined) await replanNudge(tx, member, now);
      return member;
    });
  }

  async function setDmChannel(memberId: number, dmChannelId: string): Promise<void> {
    await db.update(members).set({ dmChannelId, dmsClosedAt: null }).where(eq(members.id, memberId));
  }

  /** Discord answered 50007: stop nudging until the member interacts again. */
  async function markDmsClosed(memberId: number, at: Date): Promise<void> {
    await db.update(members).set({ dmsClosedAt: at }).where(eq(members.id, memberId));
  }

  /** Pauses from `from` (inclusive) until resumed; paused days neither count nor break a streak. */
  async function pause(memberId: number, rawFrom: string): Promise<void> {
    const { from } = parseInput(z.object({ from: localDateField }), { from: rawFrom });
    await db.transaction(async (tx) => {
      await lockMember(tx, memberId);
      const open = (await readPauses(tx, memberId)).find((p) => p.endDate === null);
      if (open) throw new UserFacingError(`You are already paused since ${open.startDate}. Use /resume to continue.`);
      await tx.insert(memberPauses).values({ memberId, startDate: from });
      await refreshStreak(tx, memberId, rules);
    });
  }

  /** Ends the open pause: `today` is active again, so the pause ends yesterday. */
  async function resume(memberId: number, today: LocalDate): Promise<{ pausedDays: number }> {
    return db.transaction(async (tx) => {
      await lockMember(tx, memberId);
      const [open] = await tx
        .select()
        .from(memberPauses)
        .where(and(eq(memberPauses.memberId, memberId), isNull(memberPauses.endDate)));
      if (!open) throw new UserFacingError('You are not paused.');
      const yesterday = addDays(today, -1);
      const pausedDays = Math.max(0, daysBetween(open.startDate, yesterday) + 1);
      if (pausedDays === 0) {
        await tx.delete(memberPauses).where(eq(memberPauses.id, open.id)); // resumed before the pause began
      } else {
        await tx.update(memberPauses).set({ endDate: yesterday }).where(eq(memberPauses.id, open.id));
      }
      await refreshStreak(tx, memberId, rules);
      return { pausedDays };
    });
  }

  return {
    findById,
    findByDiscordId,
    reopenDms,
    requireByDiscordId,
    enroll,
    updateSettings,
    setDmChannel,
    markDmsClosed,
    pause,
    resume,
    pauses: (memberId: number) => readPauses(db, memberId),
  };
}

/** The first member of a server creates its study group, with its weekly summary planned. */
async function joinGroup(tx: Db, guildId: string, name: string, memberId: number, now: Date): Promise<void> {
  const [created] = await tx.insert(studyGroups).values({ guildId, name }).onConflictDoNothing().returning();
  if (created) await planNextSummary(tx, created, now);
  const [group] = created ? [created] : await tx.select().from(studyGroups).where(eq(studyGroups.guildId, guildId));
  if (!group) throw new Error('study group vanished');
  await tx.insert(groupMembers).values({ groupId: group.id, memberId }).onConflictDoNothing();
}
