import { randomBytes } from 'node:crypto';
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { isUserFacingError } from '../coach/errors.js';
import type { Context } from '../context.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { isDatabaseUnavailable } from '../store/unavailable.js';
import type { Reply } from './command.js';

// Work still running after this long gets an answer anyway (DESIGN.md: every interaction within 10 s).
const answerWithinMs = 9_000;

const unavailableText =
  'The bot cannot reach its database right now, so nothing was saved. Please try again in a minute.';
// Past the deadline the work may still complete (a database that stalled rather than failed), so the
// answer says what is true then, and a follow-up says how it ended.
const stillWaitingText =
  'The bot cannot reach its database right now, so nothing has been saved yet. Please do not repeat it: ' +
  'I will tell you here whether it goes through.';
const lateText = 'Update: the database answered late, and your last request went through after all.';
const lateFailureText = 'Update: your last request did not go through, so nothing was saved. Please try again.';

/**
 * Runs a handler's work and answers once: directly when the work is quick, else defer (after
 * INTERACTION_DEFER_MS) + edit; and when the work outlives `answerWithinMs` (a database that does not
 * answer) the member is told so, and told again how it ended. Errors become an ephemeral message (STYLE.md).
 */
export async function respond(
  interaction: RepliableInteraction,
  ephemeral: boolean,
  ctx: Pick<Context, 'config' | 'log' | 'metrics'>,
  work: () => Promise<Reply>,
): Promise<void> {
  const started = performance.now();
  const outcome = await answer(interaction, ephemeral, ctx, work);
  ctx.metrics?.interactionAnswered(labelOf(interaction), outcome, (performance.now() - started) / 1000);
}

/** How an interaction ended, for /metrics: answered, refused with a reason, failed, late, or not answered. */
export type AnswerOutcome = 'ok' | 'user_error' | 'database_unavailable' | 'error' | 'late' | 'unanswered';

async function answer(
  interaction: RepliableInteraction,
  ephemeral: boolean,
  ctx: Pick<Context, 'config' | 'log'>,
  work: () => Promise<Reply>,
): Promise<AnswerOutcome> {
  const { log } = ctx;
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  let deferral: Promise<unknown> | undefined;
  const deferTimer = setTimeout(() => {
    deferral = interaction.deferReply({ flags }).catch((error) => error);
  }, ctx.config.interactionDeferMs);
  let deadlineTimer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    deadlineTimer = setTimeout(() => resolve('late'), answerWithinMs);
  });
  const running = work().then(
    (reply) => ({ reply, failed: false, outcome: 'ok' as AnswerOutcome }),
    (error: unknown) => ({ reply: errorReply(error, interaction.id, log), failed: true, outcome: outcomeOf(error) }),
  );
  const first = await Promise.race([running, deadline]);
  clearTimeout(deferTimer);
  clearTimeout(deadlineTimer);
  const reply = first === 'late' ? { content: `⚠️ ${stillWaitingText}`, embeds: [], components: [] } : first.reply;
  if (first === 'late') void reportLateOutcome(interaction, running, log);
  const outcome = first === 'late' ? 'late' : first.outcome;
  if (deferral) {
    const failed = await deferral;
    if (failed instanceof Error) return ignoreAcknowledged(failed, interaction.id, log);
    return interaction.editReply(reply).then(
      () => outcome,
      (error: unknown) => ignoreAcknowledged(error, interaction.id, log),
    );
  }
  return interaction.reply({ ...reply, flags } as Parameters<typeof interaction.reply>[0]).then(
    () => outcome,
    (error: unknown) => ignoreAcknowledged(error, interaction.id, log),
  );
}

const outcomeOf = (error: unknown): AnswerOutcome =>
  isUserFacingError(error) ? 'user_error' : isDatabaseUnavailable(error) ? 'database_unavailable' : 'error';

/** The command's name, or for a button or form the first part of its custom id (`button:nudge`): few values. */
function labelOf(interaction: RepliableInteraction): string {
  if (interaction.isCommand()) return interaction.commandName;
  const kind = interaction.isModalSubmit() ? 'modal' : interaction.isButton() ? 'button' : 'component';
  return `${kind}:${interaction.customId.split(':')[0]?.slice(0, 32) ?? ''}`;
}

/** Work that finished after the member was told "nothing saved yet": say how it ended, either way. */
async function reportLateOutcome(
  interaction: RepliableInteraction,
  running: Promise<{ reply: Reply; failed: boolean }>,
  log: Logger,
): Promise<void> {
  const { reply, failed } = await running;
  log.warn({ interactionId: interaction.id }, 'work finished after the answer deadline');
  const content = failed ? `${lateFailureText}\n${reply.content ?? ''}` : `${lateText}\n${reply.content ?? ''}`;
  await interaction
    .followUp({ ...reply, content, flags: MessageFlags.Ephemeral })
    .catch((error: unknown) => ignoreAcknowledged(error, interaction.id, log));
}

/** A UserFacingError is shown as written; anything else is logged and shown only as a reference. */
export function errorReply(error: unknown, interactionId: string, log: Logger): Reply {
  if (isUserFacingError(error)) return { content: `⚠️ ${error.message}`, embeds: [], components: [] };
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error, interactionId }, 'database unavailable');
    return { content: `⚠️ ${unavailableText}`, embeds: [], components: [] };
  }
  const ref = randomBytes(3).toString('hex');
  log.error({ err: error, interactionId, ref }, 'interaction failed');
  return { content: `Something went wrong (ref ${ref}). Please try again in a moment.`, embeds: [], components: [] };
}

/** Sends an error to the member on any repliable interaction, whatever state it is in. */
export async function replyWithError(
  interaction: RepliableInteraction,
  error: unknown,
  log: Logger,
  metrics?: Metrics,
): Promise<void> {
  const started = performance.now();
  const reply = errorReply(error, interaction.id, log);
  const send =
    interaction.deferred || interaction.replied
      ? interaction.followUp({ content: reply.content ?? '', flags: MessageFlags.Ephemeral })
      : interaction.reply({ content: reply.content ?? '', flags: MessageFlags.Ephemeral });
  const outcome = await send.then(
    () => outcomeOf(error),
    (e: unknown) => ignoreAcknowledged(e, interaction.id, log),
  );
  metrics?.interactionAnswered(labelOf(interaction), outcome, (performance.now() - started) / 1000);
}

// A replayed interaction (same id) was answered already, or it expired: Discord says so with
// 40060 / 10062, and there is nobody left to tell. Anything else is a real failure.
function ignoreAcknowledged(error: unknown, interactionId: string, log: Logger): 'unanswered' {
  const code = error instanceof DiscordAPIError ? error.code : undefined;
  if (
    code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
    code === RESTJSONErrorCodes.UnknownInteraction
  ) {
    log.warn({ interactionId, code }, 'interaction could not be answered');
    return 'unanswered';
  }
  log.error({ err: error, interactionId }, 'reply failed');
  return 'unanswered';
}
