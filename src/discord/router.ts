import { type Interaction, MessageFlags } from 'discord.js';
import type { Context } from '../context.js';
import type { Command } from './command.js';
import { closedDmsHelp } from './render.js';
import { replyWithError, respond, respondOptions } from './respond.js';

export type ComponentHandler = (interaction: Interaction, ctx: Context) => Promise<boolean>;

/** One entry point for every interaction: slash commands, autocomplete, buttons and modals. */
export function createInteractionRouter(
  ctx: Context,
  commands: readonly Command[],
  components: readonly ComponentHandler[] = [],
) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));

  return async function route(interaction: Interaction): Promise<void> {
    const log = ctx.log.child({ interactionId: interaction.id, userId: interaction.user.id });
    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) return log.warn({ command: interaction.commandName }, 'unknown command');
        log.debug({ command: command.data.name }, 'command');
        let reopened = false;
        await respond(
          interaction,
          command.ephemeral,
          log,
          async () => {
            // Inside the work, so a slow database is covered by the deferral. Re-armed before the
            // command runs: /start probes the DM channel itself and says what it found.
            reopened = await ctx.store.members.reopenDms(interaction.user.id);
            return command.execute(interaction, { ...ctx, log });
          },
          respondOptions(ctx),
        );
        if (reopened && !command.probesDms) await tellDmsWereClosed(interaction, ctx);
      } else if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        const choices = command?.autocomplete ? await command.autocomplete(interaction, { ...ctx, log }) : [];
        await interaction.respond(choices.slice(0, 25)); // Discord's limit
      } else {
        for (const handle of components) {
          if (!(await handle(interaction, { ...ctx, log }))) continue;
          if (await ctx.store.members.reopenDms(interaction.user.id)) await tellDmsWereClosed(interaction, ctx);
          return;
        }
      }
    } catch (error) {
      if (interaction.isRepliable()) await replyWithError(interaction, error, log);
      else log.error({ err: error }, 'autocomplete failed');
    }
  };
}

/** Nudges stop when Discord refuses a DM; using the bot again re-arms them, and the member is told why. */
async function tellDmsWereClosed(interaction: Interaction, ctx: Context): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction
    .followUp({ content: `⚠️ ${closedDmsHelp} I will try again with your next nudge.`, flags: MessageFlags.Ephemeral })
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'could not tell the member about closed DMs'));
}
