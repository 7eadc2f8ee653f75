import { REST, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import type { Command } from '../src/discord/command.js';
import { commandChanges } from '../src/discord/command-diff.js';
import { syncCommands } from '../src/discord/deploy.js';
import { inviteUrl } from '../src/discord/invite.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { startTestBot } from './support/bot.js';
import { backends } from './support/db.js';

const local = commands.map((command) => command.data.toJSON());
const getRoute = 'GET /applications/{application_id}/commands';
const putRoute = 'PUT /applications/{application_id}/commands';

/** One of our commands as Discord's GET returns it: ids, versions and defaults added, `required: false` dropped. */
const asDiscordReturnsIt = (command: (typeof local)[number], index: number) => ({
  id: `12345678901234567${index}`,
  application_id: '123456789012345678',
  version: `22345678901234567${index}`,
  default_member_permissions: null,
  type: 1,
  name_localizations: null,
  description_localizations: null,
  dm_permission: true,
  contexts: null,
  integration_types: [0],
  nsfw: false,
  ...command,
  ...(command.options?.length
    ? { options: command.options.map(({ required, ...option }) => (required ? { ...option, required } : option)) }
    : { options: undefined }),
});

describe('comparing our commands with what Discord has', () => {
  const remote = local.map(asDiscordReturnsIt);

  it('sees no change when Discord only added its ids, versions and defaults', () => {
    expect(commandChanges(local, remote)).toEqual([]);
    expect(commandChanges(local, [...remote].reverse())).toEqual([]); // the list's order means nothing
  });

  it('names a command whose description, option order, choices or permissions changed', () => {
    const [first, second] = remote;
    const reworded = [{ ...first, description: 'old words' }, ...remote.slice(1)];
    expect(commandChanges(local, reworded)).toEqual([first?.name]);
    const options = first?.options ?? [];
    const reordered = [{ ...first, options: [...options].reverse() }, ...remote.slice(1)];
    expect(commandChanges(local, reordered)).toEqual([first?.name]);
    const opened = [first, { ...second, default_member_permissions: '8' }, ...remote.slice(2)];
    expect(commandChanges(local, opened)).toEqual([second?.name]);
  });

  it('names commands added here and commands Discord still has but this version dropped', () => {
    expect(commandChanges(local, remote.slice(1))).toEqual([local[0]?.name]);
    const dropped = { ...remote[0], name: 'oldcommand' };
    expect(commandChanges(local, [...remote, dropped])).toEqual(['oldcommand']);
  });

  it('in a guild, ignores the fields Discord keeps for global commands only', () => {
    const inGuild = remote.map(({ contexts: _, dm_permission: __, integration_types: ___, ...c }) => ({
      ...c,
      guild_id: '323456789012345678',
    }));
    expect(commandChanges(local, inGuild, { guild: true })).toEqual([]);
    expect(commandChanges(local, inGuild)).not.toEqual([]); // /setup's guild-only context is missing globally
  });
});

describe('registering the commands against the fake Discord', () => {
  let fake: FakeDiscord;
  let rest: REST;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    rest = new REST({ api: fake.apiBase }).setToken(fake.token);
  });
  afterAll(() => fake.close());
  const target = (list: readonly Command[] = commands, guildId?: string) => ({
    appId: fake.applicationId,
    guildId,
    commands: list,
  });

  it('writes once on the first start, not at all on the next, and again only after a command changed', async () => {
    expect(await syncCommands(rest, target())).toMatchObject({ registered: true, count: commands.length });
    expect(fake.commands.global.map((c) => c.name)).toEqual(local.map((c) => c.name));
    expect(await syncCommands(rest, target())).toMatchObject({ registered: false, changed: [] });
    expect([fake.stats.byRoute[getRoute], fake.stats.byRoute[putRoute]]).toEqual([2, 1]);

    const renamed = new SlashCommandBuilder().setName('today').setDescription('What to do today (new words)');
    const changed = commands.map((c) => (c.data.name === 'today' ? { ...c, data: renamed } : c));
    expect(await syncCommands(rest, target(changed))).toMatchObject({ registered: true, changed: ['today'] });
    expect(fake.commands.global.find((c) => c.name === 'today')?.description).toBe('What to do today (new words)');
    expect([fake.stats.byRoute[getRoute], fake.stats.byRoute[putRoute]]).toEqual([3, 2]);
    expect(fake.stats.schemaViolations).toEqual([]);
  });

  it('with DEV_GUILD_ID, registers in that guild only, once', async () => {
    const guild = fake.addGuild({ name: 'Dev server' });
    expect(await syncCommands(rest, target(commands, guild.id))).toMatchObject({ registered: true });
    expect(await syncCommands(rest, target(commands, guild.id))).toMatchObject({ registered: false });
    expect(fake.commands.byGuild.get(guild.id)?.length).toBe(commands.length);
    expect(fake.stats.byRoute['PUT /applications/{application_id}/guilds/{guild_id}/commands']).toBe(1);
  });
});

describe('the invite link', () => {
  it('asks for the bot and its commands, with the permissions the summary channel needs and no more', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Attach Files 32768 + Read Message History 65536
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384 + 32768 + 65536));
  });
});

describe('a start while Discord fails the command registration', () => {
  it('logs the failure and still answers commands with those Discord already has', async () => {
    const fake = await startFakeDiscord();
    const guild = fake.addGuild();
    // An older version registered these; this start's GET meets an outage (5xx, retried by discord.js).
    const older = commands.filter((c) => c.data.name !== 'today');
    await syncCommands(new REST({ api: fake.apiBase }).setToken(fake.token), {
      appId: fake.applicationId,
      commands: older,
    });
    fake.failRequests(getRoute, 503, 100);
    const database = await backends.find((b) => b.name === 'Postgres')!.open();
    const bot = await startTestBot({ reuse: { fake, guild, database } });
    try {
      expect(await bot.app.registration).toBeUndefined();
      expect(bot.logs.map((l) => l.msg)).toContain(
        'could not register the slash commands; running with those Discord has',
      );
      expect(fake.stats.byRoute[putRoute]).toBe(1); // the older version's, none since
      const userId = bot.addUser();
      const view = await fake
        .slashCommand({ userId, guildId: guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } })
        .response();
      expect(view.content).toContain('Welcome');
    } finally {
      await bot.close();
      await fake.close();
      await database.close();
    }
  }, 30_000);
});
