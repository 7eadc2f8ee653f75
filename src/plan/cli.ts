// `npm run plan [-- --json] [-- --file plan.json]`: a thin script; the logic lives in load.ts and format.ts.
import { parseArgs } from 'node:util';
import { defaultPlan } from './default-plan.js';
import { formatPlan } from './format.js';
import { loadPlanFile } from './load.js';

const usage = `usage: npm run plan -- [--json] [--file <plan.json>]
  (no flags)         print the default plan as an outline
  --json             print the plan as JSON instead
  --file <path>      validate a plan file; print its outline, or one line per bad field and exit 1
  --help             show this help`;

async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; file?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  let plan = defaultPlan;
  if (values.file !== undefined) {
    const result = await loadPlanFile(values.file);
    if (!result.ok) {
      for (const issue of result.issues) console.error(issue);
      return 1;
    }
    plan = result.plan;
  }
  console.log(values.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
