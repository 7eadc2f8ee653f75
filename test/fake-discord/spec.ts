// Validation against Discord's published OpenAPI schemas (discord-api-spec's zod-mini build).
// The package builds every schema at import time with z.object (unknown keys stripped), and its
// setStrictObject() only affects schemas created afterwards, i.e. none. So we rebuild strict copies
// ourselves: an unknown key is usually a bot bug that Discord would silently ignore (e.g. a raw
// `ephemeral: true` in a message body), which is exactly what a test double should surface.
import * as specModule from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { type DiscordErrorTree, issuesToDiscordErrors } from './spec-errors.js';

const exported: Record<string, unknown> = specModule;

function isSchema(value: unknown): value is $ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

export function specSchema(name: string): $ZodType {
  const schema = exported[name];
  if (!isSchema(schema)) throw new Error(`discord-api-spec has no schema named ${name}`);
  return schema;
}

type Def = Record<string, unknown> & { type: string };
const strictCache = new Map<$ZodType, $ZodType>();

function cloneWith(schema: $ZodType, def: Def): $ZodType {
  return (schema as unknown as { clone(def: Def): $ZodType }).clone(def);
}

// The spec types int64 fields (e.g. default_member_permissions) as numbers, but Discord documents
// and accepts them as decimal strings, which is what discord.js sends. Accept both.
function maximumOf(schema: $ZodType): number | undefined {
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; value?: unknown };
    if (def.check === 'less_than' && typeof def.value === 'number') return def.value;
  }
  return undefined;
}

function int64Tolerant(schema: $ZodType): $ZodType {
  const max = maximumOf(schema);
  if (max === undefined || max <= Number.MAX_SAFE_INTEGER) return schema;
  return z.union([schema, z.string().check(z.regex(/^-?\d+$/))]);
}

function rebuild(schema: $ZodType, def: Def): $ZodType {
  const s = (inner: unknown): $ZodType => strict(inner as $ZodType);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, s(v)]));
      return cloneWith(schema, { ...def, shape, catchall: z.never() });
    }
    case 'optional':
    case 'nullable':
      return cloneWith(schema, { ...def, innerType: s(def.innerType) });
    case 'array':
      return cloneWith(schema, { ...def, element: s(def.element) });
    case 'union':
      return cloneWith(schema, { ...def, options: (def.options as unknown[]).map(s) });
    case 'record':
      return cloneWith(schema, { ...def, valueType: s(def.valueType) });
    case 'intersection':
      return cloneWith(schema, { ...def, left: s(def.left), right: s(def.right) });
    case 'lazy': {
      const getter = def.getter as () => unknown;
      return cloneWith(schema, { ...def, getter: () => s(getter()) });
    }
    case 'number':
      return int64Tolerant(schema);
    default:
      return schema;
  }
}

/** A strict copy of a spec schema: unknown object keys become errors, recursively (cycles via lazy). */
export function strict(schema: $ZodType): $ZodType {
  const hit = strictCache.get(schema);
  if (hit) return hit;
  const built = rebuild(schema, schema._zod.def as unknown as Def);
  strictCache.set(schema, built);
  return built;
}

export type SpecCheck = { ok: true } | { ok: false; errors: DiscordErrorTree; summary: string };

function run(schema: $ZodType, value: unknown): readonly $ZodIssue[] {
  const result = z.safeParse(schema, value, { reportInput: true });
  return result.success ? [] : result.error.issues;
}

/** Validates `value` against the named spec schema (strict unless told otherwise). */
export function checkSpec(name: string, value: unknown, strictKeys = true): SpecCheck {
  const base = specSchema(name);
  const issues = run(strictKeys ? strict(base) : base, value);
  if (issues.length === 0) return { ok: true };
  return { ok: false, ...issuesToDiscordErrors(issues) };
}

/** Array bodies (bulk command overwrite) are checked element by element, like Discord's errors. */
export function checkSpecArray(name: string, value: unknown, max: number): SpecCheck {
  if (!Array.isArray(value)) return checkSpec(name, value);
  const schema = z.array(strict(specSchema(name))).check(z.maxLength(max));
  const issues = run(schema, value);
  return issues.length === 0 ? { ok: true } : { ok: false, ...issuesToDiscordErrors(issues) };
}
