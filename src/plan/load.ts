import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { type Plan, planSchema } from './model.js';

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: string[] };

/** `['phases', 1, 'months', 'to']` → `phases[1].months.to`, the way a person would point at the field. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

// Zod reports unknown keys once on the parent; one line per key keeps the "one line per bad field" promise.
function issueLines(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unrecognized key`);
  }
  return [`${formatPath(issue.path)}: ${issue.message}`];
}

/** Validates untrusted JSON (already parsed) as a plan. Pure: never throws, never does I/O. */
export function parsePlan(json: unknown): PlanResult {
  const result = planSchema.safeParse(json);
  if (result.success) return { ok: true, plan: result.data };
  return { ok: false, issues: result.error.issues.flatMap(issueLines) };
}

/**
 * Reads and validates a plan JSON file. Unreadable files and bad JSON become issues too, so callers handle one shape.
 */
export async function loadPlanFile(path: string): Promise<PlanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, issues: [`(file): cannot read ${path}: ${(err as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [`(file): ${path} is not valid JSON: ${(err as Error).message}`] };
  }
  return parsePlan(json);
}
