import { type AutocompleteInteraction, type Interaction, MessageFlags } from 'discord.js';
import { UserFacingError } from '../coach/errors.js';
import type { Context } from '../context.js';
import type { Logger } from '../log.js';
import type { Command } from './command.js';
import { closedDmsHelp } from './render.js';
import { replyWithError, respond } from './respond.js';

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
        if (!command) {
          // Discord can still offer a command this version dropped (until its list refreshes).
          log.warn({ command: interaction.commandName }, 'unknown command');
          return await replyWithError(interaction, staleCommand(interaction.commandName), log, ctx.metrics);
        }
        log.debug({ command: command.data.name }, 'command');
        if (command.modal) {
          await interaction.showModal(command.modal(interaction, { ...ctx, log }));
          return;
        }
        let reopened = false;
        await respond(interaction, command.ephemeral, { ...ctx, log }, async () => {
          // Inside the work, so a slow database is covered by the deferral. Re-armed before the
          // command runs: /start probes the DM channel itself and says what it found.
          reopened = await ctx.store.members.reopenDms(interaction.user.id);
          return command.execute(interaction, { ...ctx, log });
        });
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
        // A button of an old message, a form opened before an upgrade, a custom id we cannot parse:
        // answered all the same, or Discord shows "This interaction failed".
        log.warn({ customId: 'customId' in interaction ? interaction.customId : undefined }, 'unknown component');
        if (interaction.isRepliable()) await replyWithError(interaction, staleComponent(interaction), log, ctx.metrics);
      }
    } catch (error) {
      if (interaction.isRepliable()) await replyWithError(interaction, error, log, ctx.metrics);
      else if (interaction.isAutocomplete()) await answerEmpty(interaction, error, log);
    }
  };
}

const staleCommand = (name: string) =>
  new UserFacingError(`/${name} is no longer a command of mine. Use /today or /checkin.`);

const staleComponent = (interaction: Interaction) =>
  new UserFacingError(
    interaction.isModalSubmit()
      ? 'This form is no longer active, so nothing was saved. Use /checkin to log your work.'
      : 'This button is no longer active. Use /checkin to log your work or /today to see your plan.',
  );

/** An autocomplete that failed still answers (no suggestions), so the member can type on. */
async function answerEmpty(interaction: AutocompleteInteraction, error: unknown, log: Logger): Promise<void> {
  log.error({ err: error }, 'autocomplete failed');
  await interaction.respond([]).catch((e: unknown) => log.warn({ err: e }, 'autocomplete could not be answered'));
}

/** Nudges stop when Discord refuses a DM; using the bot again re-arms them, and the member is told why. */
async function tellDmsWereClosed(interaction: Interaction, ctx: Context): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction
    .followUp({ content: `⚠️ ${closedDmsHelp} I will try again with your next nudge.`, flags: MessageFlags.Ephemeral })
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'could not tell the member about closed DMs'));
}
