import { randomBytes } from 'node:crypto';
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { isUserFacingError } from '../coach/errors.js';
import type { Logger } from '../log.js';
import type { Reply } from './command.js';

// Discord drops an interaction not answered within 3 s. Work that has not finished by this
// point is deferred ("thinking…") and the answer edits the deferred reply instead.
export const deferAfterMs = 1_500;

/**
 * Runs a handler's work and answers once: directly when the work is quick, else defer + edit.
 * Errors become an ephemeral message (the error boundary of STYLE.md).
 */
export async function respond(
  interaction: RepliableInteraction,
  ephemeral: boolean,
  log: Logger,
  work: () => Promise<Reply>,
): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  let deferral: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    deferral = interaction.deferReply({ flags }).catch((error) => error);
  }, deferAfterMs);
  let reply: Reply;
  try {
    reply = await work();
  } catch (error) {
    reply = errorReply(error, interaction.id, log);
  } finally {
    clearTimeout(timer);
  }
  if (deferral) {
    const failed = await deferral;
    if (failed instanceof Error) return ignoreAcknowledged(failed, interaction.id, log);
    await interaction.editReply(reply).catch((error: unknown) => ignoreAcknowledged(error, interaction.id, log));
    return;
  }
  await interaction
    .reply({ ...reply, flags } as Parameters<typeof interaction.reply>[0])
    .catch((error: unknown) => ignoreAcknowledged(error, interaction.id, log));
}

/** A UserFacingError is shown as written; anything else is logged and shown only as a reference. */
export function errorReply(error: unknown, interactionId: string, log: Logger): Reply {
  if (isUserFacingError(error)) return { content: `⚠️ ${error.message}`, embeds: [], components: [] };
  const ref = randomBytes(3).toString('hex');
  log.error({ err: error, interactionId, ref }, 'interaction failed');
  return { content: `Something went wrong (ref ${ref}). Please try again in a moment.`, embeds: [], components: [] };
}

/** Sends an error to the member on any repliable interaction, whatever state it is in. */
export async function replyWithError(interaction: RepliableInteraction, error: unknown, log: Logger): Promise<void> {
  const reply = errorReply(error, interaction.id, log);
  const send =
    interaction.deferred || interaction.replied
      ? interaction.followUp({ content: reply.content ?? '', flags: MessageFlags.Ephemeral })
      : interaction.reply({ content: reply.content ?? '', flags: MessageFlags.Ephemeral });
  await send.catch((e: unknown) => ignoreAcknowledged(e, interaction.id, log));
}

// A replayed interaction (same id) was answered already, or it expired: Discord says so with
// 40060 / 10062, and there is nobody left to tell. Anything else is a real failure.
function ignoreAcknowledged(error: unknown, interactionId: string, log: Logger): void {
  const code = error instanceof DiscordAPIError ? error.code : undefined;
  if (
    code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
    code === RESTJSONErrorCodes.UnknownInteraction
  ) {
    log.warn({ interactionId, code }, 'interaction could not be answered');
    return;
  }
  log.error({ err: error, interactionId }, 'reply failed');
}
