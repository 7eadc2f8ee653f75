import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  Events,
  ModalBuilder,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { checkins, members } from '../schema/index.js';
import { createDiscordClient } from '../src/discord/client.js';
import { deployCommands } from '../src/discord/deploy.js';
import { startTestBot, type TestBot } from './support/bot.js';

// An upgrade leaves messages and forms of the old version behind, and Discord may still offer a
// command the new version dropped. The old version here is a plain discord.js client that posted a
// DM with its own buttons and opened its own form; then the current bot starts on the same fake
// Discord and database, and must answer every one of those (never "This interaction failed").
let old: TestBot;
let bot: TestBot;
let userId: string;
let dm: { id: string; channel_id: string };

const oldButtons = ['v0:open-form', 'v0:snooze:2026-06-01', 'nudge:checkin:not-a-date', 'nudge:later:2026-06-01'];

async function runOldVersion(client: Client, channelId: string): Promise<{ id: string; channel_id: string }> {
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isButton() || interaction.customId !== 'v0:open-form') return;
    const input = new TextInputBuilder().setCustomId('minutes').setLabel('Minutes').setStyle(TextInputStyle.Short);
    const form = new ModalBuilder()
      .setCustomId('v0-checkin-form:2026-06-01')
      .setTitle('Check in')
      .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
    void interaction.showModal(form);
  });
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    oldButtons.map((id) => new ButtonBuilder().setCustomId(id).setLabel(id).setStyle(ButtonStyle.Secondary)),
  );
  return (await client.rest.post(Routes.channelMessages(channelId), {
    body: { content: 'Monday: coding (an old nudge)', components: [row.toJSON()] },
  })) as { id: string; channel_id: string };
}

beforeAll(async () => {
  old = await startTestBot({ clock: '2026-06-01T10:00:00Z' });
  userId = old.addUser();
  await old.fake
    .slashCommand({ userId, guildId: old.guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } })
    .response();
  const [member] = await old.database.db.select().from(members).where(eq(members.discordUserId, userId));
  await old.stop();
  // Discord still lists /streaks, a command the old version had.
  const start = commands.find((command) => command.data.name === 'start')!;
  const dropped = { ...start, data: { name: 'streaks', toJSON: () => ({ ...start.data.toJSON(), name: 'streaks' }) } };
  await deployCommands({
    token: old.ctx.config.discordToken,
    appId: old.ctx.config.discordAppId,
    apiBase: old.ctx.config.discordApiBase,
    commands: [...commands, dropped],
  });
  const client = createDiscordClient(old.ctx.config);
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(old.ctx.config.discordToken);
  await ready;
  dm = await runOldVersion(client, member!.dmChannelId!);
  const form = await old.fake.clickButton({ userId, message: dm, customId: 'v0:open-form' }).response();
  expect(form.kind).toBe('modal');
  await client.destroy();
  bot = await startTestBot({
    reuse: { fake: old.fake, guild: old.guild, database: old.database },
    clock: '2026-06-01T10:00:00Z',
  });
  // The new version's start-up registration removes /streaks, but a Discord client that cached the
  // old list can still send it for a while: list it again, as that client still sees it.
  await bot.app.registration;
  expect(bot.fake.commands.global.map((c) => c.name)).not.toContain('streaks');
  await deployCommands({
    token: old.ctx.config.discordToken,
    appId: old.ctx.config.discordAppId,
    apiBase: old.ctx.config.discordApiBase,
    commands: [...commands, dropped],
  });
});
afterAll(async () => {
  await bot?.close();
  await old?.close();
});

describe('interactions the bot no longer knows', () => {
  it.each(oldButtons.filter((id) => id !== 'v0:open-form'))(
    'a click on the old button %s is answered privately: the button is no longer active, use /checkin',
    async (customId) => {
      const view = await bot.fake.clickButton({ userId, message: dm, customId }).response();
      expect(view.kind).toBe('message');
      expect(view.ephemeral).toBe(true);
      expect(view.content).toContain('This button is no longer active. Use /checkin');
      expect(bot.problems()).toEqual([]);
    },
  );

  it('a form opened by the old version is answered privately when submitted, and nothing is stored', async () => {
    const before = (await bot.database.db.select().from(checkins)).length;
    const view = await bot.fake
      .submitModal({ userId, customId: 'v0-checkin-form:2026-06-01', fields: { minutes: '45' } })
      .response();
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain('This form is no longer active, so nothing was saved. Use /checkin');
    expect((await bot.database.db.select().from(checkins)).length).toBe(before);
    expect(bot.problems()).toEqual([]);
  });

  it('a command the bot dropped is answered privately, and its autocomplete gets an empty list', async () => {
    const view = await bot.fake
      .slashCommand({ userId, guildId: bot.guild.id, name: 'streaks', options: { timezone: 'UTC' } })
      .response();
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain('/streaks is no longer a command of mine. Use /today or /checkin.');
    const suggestions = await bot.fake
      .autocomplete({
        userId,
        guildId: bot.guild.id,
        name: 'streaks',
        options: { timezone: 'ber' },
        focused: 'timezone',
      })
      .response();
    expect(suggestions).toMatchObject({ kind: 'autocomplete', choices: [] });
    expect(bot.problems()).toEqual([]);
  });
});
