import { ActionRowBuilder, TextInputBuilder, type TextInputStyle } from 'discord.js';

/** One text field of a form (modal), in the action row Discord requires around it; prefilled when `value` is set. */
export function textInputRow(
  id: string,
  label: string,
  style: TextInputStyle,
  value: string | null | undefined,
  required: boolean,
  max: number,
): ActionRowBuilder<TextInputBuilder> {
  const text = new TextInputBuilder()
    .setCustomId(id)
    .setLabel(label)
    .setStyle(style)
    .setRequired(required)
    .setMaxLength(max);
  if (value) text.setValue(value);
  return new ActionRowBuilder<TextInputBuilder>().addComponents(text);
}
