// Discord reports 50035 "Invalid Form Body" as a tree mirroring the body, with `_errors` leaves:
// { embeds: { 0: { title: { _errors: [{ code, message }] } } } }. discord.js flattens exactly
// this shape into DiscordAPIError messages, so tests see the same text a real bot would log.
import type { $ZodIssue } from 'zod/v4/core';

export interface DiscordErrorLeaf {
  code: string;
  message: string;
}
export interface DiscordErrorTree {
  [key: string]: DiscordErrorTree | DiscordErrorLeaf[];
}
export type ErrorPath = readonly PropertyKey[];

export function addError(tree: DiscordErrorTree, path: ErrorPath, code: string, message: string): void {
  let node = tree;
  for (const key of path) {
    const k = String(key);
    const next = node[k];
    if (next === undefined || Array.isArray(next)) node[k] = {};
    node = node[k] as DiscordErrorTree;
  }
  node._errors ??= [];
  const leaves = node._errors as DiscordErrorLeaf[];
  leaves.push({ code, message });
}

export function flattenErrors(tree: DiscordErrorTree, prefix = ''): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (Array.isArray(value)) {
      for (const leaf of value) lines.push(`${prefix || '(body)'}[${leaf.code}]: ${leaf.message}`);
    } else {
      lines.push(...flattenErrors(value, prefix ? `${prefix}.${key}` : key));
    }
  }
  return lines;
}

function describe(issue: $ZodIssue): { code: string; message: string } {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'number'
        ? { code: 'NUMBER_TYPE_MAX', message: `Must be less than or equal to ${String(issue.maximum)}.` }
        : { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(issue.maximum)} or fewer in length.` };
    case 'too_small':
      return issue.origin === 'number'
        ? { code: 'NUMBER_TYPE_MIN', message: `Must be greater than or equal to ${String(issue.minimum)}.` }
        : { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(issue.minimum)} or more in length.` };
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }
        : { code: 'BASE_TYPE_BAD_TYPE', message: `Expected ${issue.expected}.` };
    case 'invalid_value':
      return { code: 'BASE_TYPE_CHOICES', message: `Value must be one of ${JSON.stringify(issue.values)}.` };
    case 'invalid_format':
      return { code: 'BASE_TYPE_BAD_FORMAT', message: `Not a valid ${issue.format}.` };
    default:
      return { code: `INVALID_${issue.code.toUpperCase()}`, message: issue.message };
  }
}

// A union failure carries one issue list per branch. Report the branch the body was most
// plausibly aiming at: one whose `type` discriminator matched, with the fewest problems.
function bestBranch(branches: readonly (readonly $ZodIssue[])[]): readonly $ZodIssue[] {
  const typed = branches.filter((b) => !b.some((i) => i.path.length === 1 && i.path[0] === 'type'));
  const pool = typed.length > 0 ? typed : branches;
  return [...pool].sort((a, b) => a.length - b.length)[0] ?? [];
}

function collect(tree: DiscordErrorTree, issues: readonly $ZodIssue[], prefix: ErrorPath): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      collect(tree, bestBranch(issue.errors), path);
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        addError(tree, [...path, key], 'UNKNOWN_FIELD', "Not in Discord's schema; Discord would silently ignore it.");
      }
    } else {
      const { code, message } = describe(issue);
      addError(tree, path, code, message);
    }
  }
}

export function issuesToDiscordErrors(issues: readonly $ZodIssue[]): { errors: DiscordErrorTree; summary: string } {
  const errors: DiscordErrorTree = {};
  collect(errors, issues, []);
  return { errors, summary: flattenErrors(errors).join('\n') };
}
