import { SlashCommandBuilder, type SlashCommandSubcommandBuilder } from 'discord.js';
import { z } from 'zod';
import { UserFacingError } from '../src/coach/errors.js';
import { limits, milestoneField, parseInput } from '../src/coach/inputs.js';
import { findPlanItem } from '../src/coach/milestones.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { type MilestoneOutcome, milestoneSuggestions, renderMilestone } from '../src/discord/milestones.js';
import { planItemIds } from '../src/plan/model.js';

const itemOption = (sub: SlashCommandSubcommandBuilder, name: string, description: string) =>
  sub
    .setName(name)
    .setDescription(description)
    .addStringOption((o) =>
      o
        .setName('item')
        .setDescription('A plan item (pick one of the suggestions)')
        .setAutocomplete(true)
        .setRequired(true)
        .setMaxLength(limits.milestoneMax),
    );

export const milestone = {
  data: new SlashCommandBuilder()
    .setName('milestone')
    .setDescription('Mark a plan item done, or take it back')
    .addSubcommand((sub) => itemOption(sub, 'done', 'Mark a plan item done'))
    .addSubcommand((sub) => itemOption(sub, 'undo', 'Take back an item marked done by mistake')),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { action, item } = parseInput(
      z.object({ action: z.enum(['done', 'undo']), item: milestoneField(planItemIds(ctx.plan)) }),
      { action: interaction.options.getSubcommand(), item: interaction.options.getString('item', true) },
    );
    const located = findPlanItem(ctx.plan, item);
    if (!located) throw new UserFacingError('item: is not an item of the plan; choose one of the suggestions', 'item');
    const { member, today } = await memberToday(interaction, ctx);
    const { progress } = ctx.store;
    let outcome: MilestoneOutcome;
    if (action === 'done')
      outcome = (await progress.markMilestone(member.id, item, today)).alreadyDone ? 'already_done' : 'done';
    else outcome = (await progress.unmarkMilestone(member.id, item)).wasDone ? 'undone' : 'not_done';
    return renderMilestone(outcome, located, await progress.readMilestoneIds(member.id));
  },
  autocomplete: milestoneSuggestions,
} satisfies Command;
