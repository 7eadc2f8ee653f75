import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { timeZoneNames } from '../coach/time.js';

/** Autocomplete for IANA zone names: prefix matches first, then any substring ("berlin" finds Europe/Berlin). */
export function timeZoneChoices(interaction: AutocompleteInteraction): ApplicationCommandOptionChoiceData[] {
  const query = String(interaction.options.getFocused()).trim().toLowerCase().replace(/\s+/g, '_');
  const names = timeZoneNames();
  const prefix = names.filter((zone) => zone.toLowerCase().startsWith(query));
  const inside = names.filter((zone) => !zone.toLowerCase().startsWith(query) && zone.toLowerCase().includes(query));
  return [...prefix, ...inside].slice(0, 25).map((zone) => ({ name: zone, value: zone }));
}
