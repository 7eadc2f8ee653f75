// Drives the real, unmodified discord.js Client against the fake Discord. Errors in async event
// handlers never reach a test directly: discord.js's Client is created with captureRejections, so a
// rejected listener becomes a client 'error' event (an uncaught exception when nobody listens), and
// stray promises become unhandled rejections. The harness captures both and fails the test.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  REST,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSpec, type FakeDiscord, type FakeGuild, startFakeDiscord } from './fake-discord/index.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
function watchErrors(c: Client): void {
  c.on(Events.Error, onUnhandled);
}

let fake: FakeDiscord;
let client: Client;
let guild: FakeGuild;
let alice: { id: string };
const rawGuildCreates: unknown[] = [];

// One handler at a time: each test says how the bot answers the next interaction.
let handler: (i: Interaction) => Promise<void> = async () => {};

function handleNext<T>(fn: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    handler = async (i) => {
      try {
        resolve(await fn(i));
      } catch (error) {
        reject(error);
      }
    };
  });
}

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

// Channels added after login arrive as CHANNEL_CREATE; each test posts to its own channel so
// one test's message bucket (5 per 5 s) never slows the next.
async function channelNamed(name: string): Promise<TextChannel> {
  const created = once(client, Events.ChannelCreate);
  const { id } = fake.addChannel(guild.id, name);
  await created;
  return client.channels.cache.get(id) as TextChannel;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const commands = [
  {
    name: 'plan',
    description: 'Show your plan',
    options: [
      { type: 3, name: 'topic', description: 'Topic', required: true },
      { type: 4, name: 'weeks', description: 'Weeks', min_value: 1, max_value: 52 },
      { type: 5, name: 'public', description: 'Post publicly' },
    ],
  },
  {
    name: 'goal',
    description: 'Pick a goal',
    options: [{ type: 3, name: 'area', description: 'Area', autocomplete: true, required: true }],
  },
];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  fake = await startFakeDiscord();
  guild = fake.addGuild({ name: 'Study Group' });
  alice = fake.addUser({ username: 'alice' });
  fake.addMember(guild.id, alice.id);
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  watchErrors(client);
  client.on(Events.InteractionCreate, (i) => void handler(i));
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t === 'GUILD_CREATE') rawGuildCreates.push(packet.d);
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  await client.application!.commands.set(commands);
});

afterEach(() => {
  expect(unhandled).toEqual([]);
  // The fake checks what it sends against the spec's response schemas; a mismatch is a fake bug.
  expect(fake.stats.responseViolations).toEqual([]);
  expect(fake.stats.serverErrors).toEqual([]);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
  process.off('unhandledRejection', onUnhandled);
});

describe('fake Discord with a real discord.js client', () => {
  it('logs the client in over the gateway with the guild, its general channel and the bot member cached', () => {
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Study Group');
    expect(cached?.channels.cache.get(guild.general.id)?.name).toBe('general');
    expect(cached?.members.me?.id).toBe(fake.botUser.id);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(fake.gateway.identifies).toBe(1);
  });

  it('stores bulk-overwritten commands with ids, keeping an id when the command is overwritten again', async () => {
    const first = fake.commands.global.map((c) => c.id);
    expect(fake.commands.global.map((c) => c.name)).toEqual(['plan', 'goal']);
    await client.application!.commands.set(commands);
    expect(fake.commands.global.map((c) => c.id)).toEqual(first);
  });

  it('rejects a command registration Discord would refuse, such as an upper-case name', async () => {
    const error = await apiError(client.application!.commands.set([{ name: 'Plan', description: 'x' }]));
    expect(error.code).toBe(50035);
    expect(fake.stats.schemaViolations.at(-1)?.error).toContain('APPLICATION_COMMAND_INVALID_NAME');
    fake.resetStats();
  });

  it('delivers a slash command with typed options and shows the ephemeral reply to the user', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected ${i.type}`);
      const seen = {
        topic: i.options.getString('topic', true),
        weeks: i.options.getInteger('weeks'),
        pub: i.options.getBoolean('public'),
      };
      await i.reply({ content: `Plan for ${seen.topic}`, flags: MessageFlags.Ephemeral });
      return { ...seen, member: i.member?.user.id, inGuild: i.inCachedGuild() };
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'sql', weeks: 4, public: false },
    });
    expect(await handled).toEqual({ topic: 'sql', weeks: 4, pub: false, member: alice.id, inGuild: true });
    const view = await interaction.response();
    expect(view).toMatchObject({
      kind: 'message',
      content: 'Plan for sql',
      ephemeral: true,
      flags: MessageFlags.Ephemeral,
    });
    expect(interaction.responses.map((r) => [r.kind, r.status])).toEqual([['callback', 204]]);
  });

  it('dispatches interaction payloads with every field discord.js reads', async () => {
    const handled = handleNext(async (i) => {
      if (i.isChatInputCommand()) await i.reply('ok');
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    await handled;
    expect(Object.keys(interaction.payload)).toEqual(
      expect.arrayContaining([
        'entitlements',
        'authorizing_integration_owners',
        'app_permissions',
        'locale',
        'guild_locale',
        'context',
        'attachment_size_limit',
        'member',
        'channel',
        'version',
        'guild',
        'token',
        'application_id',
      ]),
    );
    expect(interaction.payload).toMatchObject({
      member: { user: { id: alice.id }, permissions: expect.any(String) },
      version: 1,
    });
  });

  it('refuses to dispatch what a Discord client could not send: unknown options or a missing required one', () => {
    expect(() => fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: {} })).toThrow(
      /missing required option/,
    );
    expect(() =>
      fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: { topic: 'x', color: 'red' } }),
    ).toThrow(/no option "color"/);
    expect(() => fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'nope' })).toThrow(/not registered/);
  });

  it('shows the thinking state after a defer and the edited content once the bot edits the reply', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await gate;
      await i.editReply({ content: 'Done thinking' });
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    expect((await interaction.response({ timeoutMs: 300 })).kind).toBe('thinking');
    release();
    await handled;
    expect(await interaction.response()).toMatchObject({ kind: 'message', content: 'Done thinking', ephemeral: false });
    expect(interaction.responses.map((r) => [r.kind, r.status])).toEqual([
      ['callback', 204],
      ['edit-original', 200],
    ]);
  });

  it('answers a reply that arrives after the 3 second deadline with Unknown interaction (10062)', async () => {
    const handled = handleNext(async (i) => {
      await sleep(3100);
      if (i.isChatInputCommand()) return apiError(i.reply('too late'));
      return null;
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    expect((await handled)?.code).toBe(10062);
    expect((await interaction.response()).kind).toBe('none');
    expect(interaction.errors.map((e) => e.code)).toEqual([10062]);
  });

  it('answers a second acknowledgement of the same interaction with 40060', async () => {
    const first = handleNext(async (i) => {
      if (i.isChatInputCommand()) await i.reply('first');
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    await first;
    const second = handleNext(async (i) => (i.isChatInputCommand() ? apiError(i.reply('second')) : null));
    expect(fake.replay(interaction).id).toBe(interaction.id);
    expect((await second)?.code).toBe(40060);
    expect((await interaction.response()).content).toBe('first');
    expect(interaction.errors.map((e) => e.code)).toEqual([40060]);
  });

  it('rejects message bodies Discord would refuse with Invalid Form Body and records each violation', async () => {
    const sandbox = fake.addChannel(guild.id, 'sandbox');
    const route = Routes.channelMessages(sandbox.id);
    const tooLongTitle = await apiError(client.rest.post(route, { body: { embeds: [{ title: 'x'.repeat(300) }] } }));
    expect(tooLongTitle.code).toBe(50035);
    expect(tooLongTitle.message).toContain('embeds[0].title[BASE_TYPE_MAX_LENGTH]');
    const unknownKey = await apiError(client.rest.post(route, { body: { content: 'hi', ephemeral: true } }));
    expect(unknownKey.message).toContain('ephemeral[UNKNOWN_FIELD]');
    const tooLong = await apiError(client.rest.post(route, { body: { content: 'x'.repeat(2001) } }));
    expect(tooLong.message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    const bigEmbeds = { embeds: [0, 1].map(() => ({ description: 'x'.repeat(3001) })) };
    expect((await apiError(client.rest.post(route, { body: bigEmbeds }))).message).toContain('MAX_EMBED_SIZE_EXCEEDED');
    expect((await apiError(client.rest.post(route, { body: {} }))).code).toBe(50006);
    expect(fake.stats.schemaViolations.map((v) => v.route)).toEqual(
      Array(4).fill('POST /channels/{channel_id}/messages'),
    );
    expect(fake.messages(sandbox.id)).toHaveLength(0);
    fake.resetStats();
  });

  it('rejects component layouts Discord refuses: duplicate custom ids, six buttons in a row, six rows', async () => {
    const route = Routes.channelMessages(fake.addChannel(guild.id, 'sandbox-components').id);
    const button = (id: string): object => ({ type: 2, style: 1, label: id, custom_id: id });
    const duplicate = { components: [{ type: 1, components: [button('a'), button('a')] }] };
    expect((await apiError(client.rest.post(route, { body: duplicate }))).message).toContain(
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    );
    const wideRow = { components: [{ type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) }] };
    expect((await apiError(client.rest.post(route, { body: wideRow }))).message).toContain(
      'components[0].components[BASE_TYPE_MAX_LENGTH]',
    );
    const tallMessage = {
      components: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ type: 1, components: [button(id)] })),
    };
    expect((await apiError(client.rest.post(route, { body: tallMessage }))).message).toContain(
      'components[BASE_TYPE_MAX_LENGTH]',
    );
    expect(fake.stats.schemaViolations).toHaveLength(3);
    fake.resetStats();
  });

  it('sends DMs through user.send to one stable DM channel and refuses closed DMs with 50007', async () => {
    const user = await client.users.fetch(alice.id);
    const sent = await user.send('Your weekly plan');
    expect(sent.channelId).toBe(fake.dmChannelOf(alice.id));
    expect(fake.messages(sent.channelId).map((m) => m.content)).toEqual(['Your weekly plan']);
    const again = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: alice.id } })) as {
      id: string;
    };
    expect(again.id).toBe(sent.channelId);
    fake.setDmsClosed(alice.id, true);
    expect((await apiError(user.send('Are you there?'))).code).toBe(50007);
    expect(fake.stats.closedDmRejections).toBe(1);
    fake.setDmsClosed(alice.id, false);
    fake.resetStats();
  });

  it(
    "refuses channel messages without the bot's permission (50013) and DMs to users sharing no guild " + '(50007)',
    async () => {
      const guildCreated = once(client, Events.GuildCreate);
      const readOnly = fake.addGuild({
        name: 'Read only',
        everyonePermissions: '0',
        botPermissions: String(PermissionFlagsBits.ViewChannel),
      });
      await guildCreated;
      const channel = client.channels.cache.get(readOnly.general.id) as TextChannel;
      expect((await apiError(channel.send('hello'))).code).toBe(50013);
      const stranger = await client.users.fetch(fake.addUser({ username: 'stranger' }).id);
      expect((await apiError(stranger.send('hi'))).code).toBe(50007);
      fake.resetStats();
    },
  );

  it('returns the earlier message for a repeated nonce when enforce_nonce is set', async () => {
    const channel = await channelNamed('nonces');
    const a = await channel.send({ content: 'once', nonce: 'n-1', enforceNonce: true });
    const b = await channel.send({ content: 'once', nonce: 'n-1', enforceNonce: true });
    const c = await channel.send({ content: 'once', nonce: 'n-1' });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(fake.messages(channel.id).filter((m) => m.content === 'once')).toHaveLength(2);
  });

  it('stores multipart attachments with their names, sizes and bytes', async () => {
    const channel = await channelNamed('uploads');
    const bytes = Buffer.from('week 1: SQL joins\n');
    const sent = await channel.send({
      content: 'plan attached',
      files: [new AttachmentBuilder(bytes, { name: 'plan.txt', description: 'The plan' })],
    });
    expect(sent.attachments.first()?.name).toBe('plan.txt');
    const stored = fake.messages(channel.id).find((m) => m.id === sent.id);
    expect(stored?.attachments[0]).toMatchObject({ filename: 'plan.txt', size: bytes.length, description: 'The plan' });
    expect(stored?.files[0]?.data.equals(bytes)).toBe(true);
  });

  it('routes a button click and a modal submit to ButtonInteraction and ModalSubmitInteraction', async () => {
    const replied = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('checkin').setLabel('Check in').setStyle(ButtonStyle.Primary),
      );
      await i.reply({ content: 'Ready?', components: [row] });
    });
    const command = fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: { topic: 'x' } });
    await replied;
    const { message } = await command.response();
    const shown = handleNext(async (i) => {
      if (!i.isButton()) throw new Error('expected a ButtonInteraction');
      const input = new TextInputBuilder().setCustomId('notes').setLabel('Notes').setStyle(TextInputStyle.Paragraph);
      await i.showModal(
        new ModalBuilder()
          .setCustomId('checkin-modal')
          .setTitle('Check in')
          .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
      );
      return i.customId;
    });
    const click = fake.clickButton({ userId: alice.id, message: message!, customId: 'checkin' });
    expect(await shown).toBe('checkin');
    expect(await click.response()).toMatchObject({
      kind: 'modal',
      modal: { custom_id: 'checkin-modal', title: 'Check in' },
    });
    const submitted = handleNext(async (i) => {
      if (!i.isModalSubmit()) throw new Error('expected a ModalSubmitInteraction');
      const notes = i.fields.getTextInputValue('notes');
      await i.reply({ content: `Noted: ${notes}`, flags: MessageFlags.Ephemeral });
      return notes;
    });
    const submit = fake.submitModal({ userId: alice.id, customId: 'checkin-modal', fields: { notes: 'did 3 katas' } });
    expect(await submitted).toBe('did 3 katas');
    expect(await submit.response()).toMatchObject({ content: 'Noted: did 3 katas', ephemeral: true });
  });

  it('updates the clicked message when a button handler calls update()', async () => {
    const channel = await channelNamed('tasks');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('done').setLabel('Done').setStyle(ButtonStyle.Success),
    );
    const posted = await channel.send({ content: 'Task: read chapter 3', components: [row] });
    const updated = handleNext(async (i) => {
      if (i.isButton()) await i.update({ content: 'Task: read chapter 3 (done)', components: [] });
    });
    const click = fake.clickButton({ userId: alice.id, channelId: channel.id, messageId: posted.id, customId: 'done' });
    await updated;
    expect(await click.response()).toMatchObject({
      kind: 'message',
      content: 'Task: read chapter 3 (done)',
      components: [],
    });
    expect(fake.messages(channel.id).find((m) => m.id === posted.id)?.content).toBe('Task: read chapter 3 (done)');
  });

  it('delivers autocomplete with the focused option and shows the offered choices', async () => {
    const answered = handleNext(async (i) => {
      if (!i.isAutocomplete()) throw new Error('expected autocomplete');
      const typed = i.options.getFocused();
      await i.respond([{ name: `${typed}ql`, value: 'sql' }]);
    });
    const interaction = fake.autocomplete({
      userId: alice.id,
      guildId: guild.id,
      name: 'goal',
      options: { area: 's' },
      focused: 'area',
    });
    await answered;
    expect(await interaction.response()).toMatchObject({
      kind: 'autocomplete',
      choices: [{ name: 'sql', value: 'sql' }],
    });
  });

  it('refuses autocomplete choices past Discord’s limits (25 choices, names 1–100, values ≤100)', async () => {
    const choice = (name: string, value = 'v') => ({ name, value });
    const refused = handleNext(async (i) => {
      if (!i.isAutocomplete()) throw new Error('expected autocomplete');
      const bad = [
        Array.from({ length: 26 }, (_, n) => choice(`c${n}`, `v${n}`)),
        [choice('x'.repeat(101))],
        [choice('')],
        [choice('ok', 'v'.repeat(101))],
      ];
      const errors = [];
      for (const choices of bad) errors.push(await apiError(i.respond(choices)));
      await i.respond([choice('x'.repeat(100), 'v'.repeat(100))]); // at the limits: accepted
      return errors.map((e) => [e.code, e.message.split('\n')[1]]);
    });
    const interaction = fake.autocomplete({
      userId: alice.id,
      guildId: guild.id,
      name: 'goal',
      options: { area: '' },
      focused: 'area',
    });
    expect(await refused).toEqual([
      [50035, expect.any(String)], // the spec's union reports its first branch ("data: Expected undefined")
      [50035, expect.stringContaining('data.choices[0].name')],
      [50035, expect.stringContaining('data.choices[0].name')],
      [50035, expect.stringContaining('data.choices[0].value')],
    ]);
    expect((await interaction.response()).choices).toEqual([choice('x'.repeat(100), 'v'.repeat(100))]);
    fake.stats.schemaViolations.length = 0; // the refusals above are the point of this test
  });

  it("delivers a slash command used in the bot's DMs with the user and the DM channel, without a member", async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return null;
      await i.reply('in your DMs');
      return { guild: i.guildId, member: i.member, user: i.user.id, dm: i.channel?.isDMBased() };
    });
    const interaction = fake.slashCommand({ userId: alice.id, name: 'plan', options: { topic: 'x' } });
    expect(await handled).toEqual({ guild: null, member: null, user: alice.id, dm: true });
    expect((await interaction.response()).message?.channel_id).toBe(fake.dmChannelOf(alice.id));
  });

  it('returns the callback resource when discord.js asks for withResponse', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return null;
      const response = await i.reply({ content: 'with response', withResponse: true });
      return { content: response.resource?.message?.content, id: response.interaction.id };
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    expect(await handled).toEqual({ content: 'with response', id: interaction.id });
    expect(interaction.responses[0]).toMatchObject({ kind: 'callback', status: 200, callbackType: 4 });
  });

  it('turns the first follow-up after a defer into the reply itself and later ones into new messages', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp('first');
      await i.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    await handled;
    const view = await interaction.response();
    expect(view).toMatchObject({ kind: 'message', content: 'first', ephemeral: true });
    expect(view.followUps.map((m) => [m.content, m.flags])).toEqual([['second', MessageFlags.Ephemeral]]);
    const stored = await fake.waitForMessages((m) => m.content === 'second', { timeoutMs: 1000 });
    expect(stored).toHaveLength(1);
  });

  it('accepts files on an interaction reply, on the edit of a deferred reply and on a follow-up', async () => {
    const file = (name: string) => new AttachmentBuilder(Buffer.from(`${name} bytes`), { name, description: name });
    const replied = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'files', files: [file('a.json'), file('b.csv')], flags: MessageFlags.Ephemeral });
    });
    const direct = fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: { topic: 'x' } });
    await replied;
    const view = await direct.response();
    expect(view.attachments.map((f) => [f.filename, f.data.toString()])).toEqual([
      ['a.json', 'a.json bytes'],
      ['b.csv', 'b.csv bytes'],
    ]);
    expect(view.message?.attachments.map((a) => a.description)).toEqual(['a.json', 'b.csv']);
    const deferred = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'late', files: [file('c.md')] });
      await i.followUp({ content: 'more', files: [file('d.png')], flags: MessageFlags.Ephemeral });
    });
    const later = fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: { topic: 'y' } });
    await deferred;
    const edited = await later.response();
    expect(edited.attachments.map((f) => f.filename)).toEqual(['c.md']);
    expect(edited.followUps.map((m) => m.files.map((f) => f.data.toString()))).toEqual([['d.png bytes']]);
    expect(later.errors).toEqual([]);
  });

  it('refuses attachment metadata that names no uploaded file, and more than 10 files', async () => {
    const replied = handleNext(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'ok' });
    });
    const command = fake.slashCommand({ userId: alice.id, guildId: guild.id, name: 'plan', options: { topic: 'z' } });
    await replied;
    await command.response();
    const url = `${fake.apiBase}/v10/webhooks/${fake.applicationId}/${command.token}`;
    const dangling = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x', attachments: [{ id: '0', filename: 'a.txt' }] }),
    });
    expect(dangling.status).toBe(400);
    expect(((await dangling.json()) as { code: number }).code).toBe(50035);
    const form = new FormData();
    form.set('payload_json', JSON.stringify({ content: 'many' }));
    for (let n = 0; n < 11; n++) form.set(`files[${n}]`, new Blob(['x']), `f${n}.txt`);
    const tooMany = await fetch(url, { method: 'POST', body: form });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { code: number }).code).toBe(50035);
    fake.resetStats(); // the refusals above are the point, not schema violations of the bot
  });

  it("sends only payloads that match the response schemas of Discord's published spec", async () => {
    const cached = client.guilds.cache.get(guild.id)!;
    await client.application!.fetch();
    await cached.members.fetch({ user: alice.id, force: true });
    await cached.roles.fetch(undefined, { force: true });
    await cached.channels.fetch(undefined, { force: true });
    await client.guilds.fetch({ guild: guild.id, force: true });
    await (client.channels.cache.get(guild.general.id) as TextChannel).messages.fetch({ limit: 10 });
    expect(fake.stats.unknownRoutes).toEqual([]);
    const guildCreate = rawGuildCreates[0] as Record<string, unknown> & { channels: unknown[]; members: unknown[] };
    const gatewayOnly = [
      'joined_at',
      'large',
      'unavailable',
      'member_count',
      'voice_states',
      'members',
      'channels',
      'threads',
      'presences',
      'stage_instances',
      'guild_scheduled_events',
      'soundboard_sounds',
    ];
    const restPart = Object.fromEntries(Object.entries(guildCreate).filter(([k]) => !gatewayOnly.includes(k)));
    expect(checkSpec('GuildResponseSchema', restPart)).toEqual({ ok: true });
    for (const channel of guildCreate.channels)
      expect(checkSpec('GuildChannelResponseSchema', channel)).toEqual({ ok: true });
    for (const member of guildCreate.members)
      expect(checkSpec('GuildMemberResponseSchema', member)).toEqual({ ok: true });
    expect(checkSpec('UserResponseSchema', fake.botUser)).toEqual({ ok: true });
    for (const message of fake.messages()) {
      const { files: _files, ...api } = message;
      expect(checkSpec('MessageResponseSchema', api)).toEqual({ ok: true });
    }
  });

  it('requires the bot token on REST calls and answers unknown routes with a recorded 404', async () => {
    const noAuth = await fetch(`${fake.apiBase}/v10/users/@me`);
    expect(noAuth.status).toBe(401);
    const unknown = await fetch(`${fake.apiBase}/v10/channels/${guild.general.id}/bogus`, {
      headers: { Authorization: `Bot ${fake.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(fake.stats.unknownRoutes).toEqual([`GET <unknown> /api/v10/channels/${guild.general.id}/bogus`]);
    fake.resetStats();
  });

  it('keeps working after op 7 RECONNECT: discord.js resumes the session instead of identifying again', async () => {
    const resumed = once(client, Events.ShardResume);
    fake.gateway.sendReconnect();
    await resumed;
    expect(fake.gateway.resumes).toBe(1);
    expect(fake.gateway.identifies).toBe(1);
    const handled = handleNext(async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    await handled;
    expect((await interaction.response()).content).toBe('still here');
  });

  it('replays an interaction dispatched while the connection was down once discord.js resumes', async () => {
    const resumed = once(client, Events.ShardResume);
    fake.gateway.dropConnections();
    const handled = handleNext(async (i) => {
      if (i.isChatInputCommand()) await i.reply('caught up');
    });
    const interaction = fake.slashCommand({
      userId: alice.id,
      guildId: guild.id,
      name: 'plan',
      options: { topic: 'x' },
    });
    await resumed;
    await handled;
    expect((await interaction.response()).content).toBe('caught up');
    expect(fake.gateway.resumes).toBe(2);
  });
});

describe('fake Discord interaction tokens', () => {
  it('expires interaction webhooks after the token lifetime with Invalid Webhook Token (50027)', async () => {
    // strict: false lets a test dispatch a command it never registered.
    const short = await startFakeDiscord({ interactionTokenTtlMs: 300, strict: false });
    const g = short.addGuild();
    const bob = short.addUser({ username: 'bob' });
    short.addMember(g.id, bob.id);
    const other = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: short.apiBase } });
    watchErrors(other);
    try {
      const ready = once(other, Events.ClientReady);
      await other.login(short.token);
      await ready;
      const result = new Promise<DiscordAPIError>((resolve, reject) => {
        other.on(Events.InteractionCreate, (i) => {
          if (!i.isChatInputCommand()) return;
          const answerLate = async () => {
            await i.deferReply();
            await sleep(400);
            return apiError(i.editReply('too late for the webhook'));
          };
          answerLate().then(resolve, reject);
        });
      });
      const interaction = short.slashCommand({ userId: bob.id, guildId: g.id, name: 'anything' });
      expect((await result).code).toBe(50027);
      expect(interaction.errors.map((e) => e.code)).toEqual([50027]);
    } finally {
      await other.destroy();
      await short.close();
    }
  });
});

describe('fake Discord rate limits', () => {
  let limited: FakeDiscord;
  let channels: string[];

  beforeAll(async () => {
    limited = await startFakeDiscord({
      globalLimitPerSecond: 10,
      routeLimits: { 'POST /channels/{channel_id}/messages': { limit: 2, windowMs: 1000 } },
    });
    const g = limited.addGuild();
    channels = Array.from({ length: 30 }, (_, i) => limited.addChannel(g.id, `room-${i}`).id);
  });
  afterAll(async () => limited.close());

  it('makes @discordjs/rest pace a burst of 30 requests to the global limit, all succeeding', async () => {
    const rest = new REST({ api: limited.apiBase }).setToken(limited.token);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 30 }, () => rest.get(Routes.user('@me'))));
    const elapsed = Date.now() - started;
    expect(results).toHaveLength(30);
    expect(elapsed).toBeGreaterThanOrEqual(2000); // 10 per second: windows at 0 s, 1 s and 2 s
    expect(elapsed).toBeLessThan(4500);
    expect(limited.stats.status429.global).toBeLessThanOrEqual(3); // one per window at most
    expect(limited.stats.status429.route).toBe(0);
    limited.resetStats();
    await sleep(1000);
  });

  it('sees no 429 at all when @discordjs/rest is told the global limit, even for 30 parallel routes', async () => {
    const rest = new REST({ api: limited.apiBase, globalRequestsPerSecond: 10 }).setToken(limited.token);
    const started = Date.now();
    await Promise.all(channels.map((id) => rest.get(Routes.channel(id))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(limited.stats.status429).toEqual({ global: 0, route: 0 });
    limited.resetStats();
    await sleep(1000);
  });

  it('makes @discordjs/rest wait for a per-channel message bucket from the headers alone', async () => {
    const rest = new REST({ api: limited.apiBase }).setToken(limited.token);
    const started = Date.now();
    for (let i = 0; i < 5; i += 1)
      await rest.post(Routes.channelMessages(channels[0]!), { body: { content: `m${i}` } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // 2 per second
    expect(limited.stats.status429).toEqual({ global: 0, route: 0 });
    limited.resetStats();
    await sleep(1000);
  });

  it("answers clients that ignore the headers with 429s carrying Discord's rate-limit headers", async () => {
    const headers = { Authorization: `Bot ${limited.token}`, 'Content-Type': 'application/json' };
    const post = (): Promise<Response> =>
      fetch(`${limited.apiBase}/v10/channels/${channels[1]}/messages`, {
        method: 'POST',
        headers,
        body: '{"content":"x"}',
      });
    const route = await Promise.all([post(), post(), post()]);
    const routeLimited = route.find((r) => r.status === 429)!;
    expect(routeLimited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(routeLimited.headers.get('x-ratelimit-remaining')).toBe('0');
    for (const name of [
      'x-ratelimit-limit',
      'x-ratelimit-reset',
      'x-ratelimit-reset-after',
      'x-ratelimit-bucket',
      'retry-after',
    ]) {
      expect(routeLimited.headers.get(name)).not.toBeNull();
    }
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${limited.apiBase}/v10/users/@me`, { headers })),
    );
    const globalLimited = burst.find((r) => r.status === 429)!;
    expect(globalLimited.headers.get('x-ratelimit-global')).toBe('true');
    expect(globalLimited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(globalLimited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await globalLimited.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: true });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
  });
});
