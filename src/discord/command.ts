import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  InteractionEditReplyOptions,
  ModalBuilder,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Context } from '../context.js';

/** What a command answers with; the router sends it (replying, or editing a deferred reply). */
export type Reply = Pick<InteractionEditReplyOptions, 'content' | 'embeds' | 'components' | 'files'>;

export type Command = {
  data: { name: string; toJSON: () => RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Replies are private unless sharing is the point. */
  ephemeral: boolean;
  /** The command opens the member's DM channel itself (so the router need not warn about closed DMs). */
  probesDms?: boolean;
  autocomplete?: (interaction: AutocompleteInteraction, ctx: Context) => Promise<ApplicationCommandOptionChoiceData[]>;
} & (
  | { execute: (interaction: ChatInputCommandInteraction, ctx: Context) => Promise<Reply>; modal?: never }
  // A form is the first and only response (within 3 s): built without the database; its submit is a component.
  | { modal: (interaction: ChatInputCommandInteraction, ctx: Context) => ModalBuilder; execute?: never }
);
