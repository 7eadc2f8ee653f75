import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlan } from '../src/plan/default-plan.js';
import { formatPlan } from '../src/plan/format.js';
import { loadPlanFile, parsePlan } from '../src/plan/load.js';
import { allItems, type Plan, phaseForMonth, planSchema, routineFor, weekdays } from '../src/plan/model.js';

// A copy of the seed's bullets (career-growth-plan.md), per phase and section. Kept here on purpose:
// the project must not read ../shared, and a copy lets the test catch a bullet dropped or edited in default-plan.ts.
const seedBullets: Record<number, Record<string, string[]>> = {
  1: {
    'Skill Focus': [
      'Revisit **data structures & algorithms** (not for interviews only, but to think in performance terms).',
      'Study **Python performance tuning** (profiling, memory optimization, concurrency).',
      'Learn **system design for data pipelines** (scalability, fault tolerance, latency).',
    ],
    Practice: [
      'Start solving **LeetCode / HackerRank / Project Euler** (1 problem/day).',
      'Optimize your **existing Python code** at work with profiling tools (`cProfile`, `line_profiler`).',
    ],
    Positioning: ['Begin writing short **LinkedIn posts** about what you learn (start building your voice).'],
  },
  2: {
    'Skill Focus': [
      'Learn **advanced database internals** (Postgres, BigQuery, columnar stores, indexes, query planning).',
      'Study **distributed systems** concepts (Kafka, Spark, Flink, Airflow internals).',
      'Hands-on with **cloud optimizations** (GCP BigQuery optimization, partitioning, clustering).',
    ],
    Practice: [
      'Pick a **real dataset** (e.g., Strava activity logs) → build and optimize a **pipeline** → publish results.',
      'Write a **blog/tutorial** on how you improved performance (e.g., “Optimizing BigQuery cost by 40% with ' +
        'partitioning”).',
    ],
    Positioning: [
      'Contribute to **open-source data engineering tools** (e.g., Apache Airflow, dbt, DuckDB). Even small bug ' +
        'fixes count.',
      'Start networking with data engineering communities (Slack groups, conferences).',
    ],
  },
  3: {
    'Skill Focus': [
      'Master **Python + C hybrid performance** (Cython, Rust with PyO3, Numba).',
      'Explore **modern data formats** (Parquet, Arrow) and how they impact performance.',
      'Learn **observability in pipelines** (logging, tracing, metrics for performance).',
    ],
    Practice: [
      'Publish a **whitepaper-style article**: “How I built a high-performance data pipeline handling X GB/day.”',
      'Do a **conference talk proposal** (local meetups, PyData, GCP community events).',
    ],
    Positioning: [
      'Keep an **active blog/GitHub**.',
      'Build your **personal brand**: share coding philosophies + lessons (TEDx angle: “The discipline of deep ' +
        'coding”).',
    ],
  },
  4: {
    'Skill Focus': [
      'Study **advanced system design for large-scale data systems** (think FAANG-level design).',
      'Learn **performance benchmarking frameworks** and apply them.',
    ],
    'Career Growth': [
      'Target **specialist roles** (Senior Data Engineer, Data Architect, Performance Engineer).',
      'Prepare **salary negotiations** with strong portfolio proof (GitHub, blogs, talks).',
    ],
    'Thought Leadership': [
      'Apply to **speak at a local TEDx** or technical conference (topic: coding discipline, data engineering ' +
        'performance hacks, or system design lessons).',
      'Mentor juniors in your org or community → reinforces your authority.',
    ],
  },
};

const seedPhases = [
  {
    number: 1,
    title: 'Foundation & Positioning',
    months: { from: 1, to: 3 },
    goal: 'Sharpen coding depth + identify gaps in system-level knowledge.',
  },
  {
    number: 2,
    title: 'Deep Tech in Data Engineering',
    months: { from: 4, to: 6 },
    goal: 'Get recognized as a system design & performance optimization specialist in data pipelines.',
  },
  { number: 3, title: 'Expert Recognition', months: { from: 7, to: 9 }, goal: 'Build visibility as an expert.' },
  {
    number: 4,
    title: 'Career Leverage & Thought Leadership',
    months: { from: 10, to: 12 },
    goal: 'Convert expertise into salary growth + recognition.',
  },
];

const itemById = (id: string) => defaultPlan.phases.flatMap(allItems).find((item) => item.id === id);

describe('the default plan', () => {
  it('passes the plan schema unchanged', () => {
    const result = planSchema.safeParse(defaultPlan);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toEqual(defaultPlan);
  });

  it('has 4 phases covering months 1–12 with the seed titles and goals', () => {
    expect(defaultPlan.months).toBe(12);
    expect(defaultPlan.dailyMinutes).toBe(60);
    expect(defaultPlan.phases.map(({ number, title, months, goal }) => ({ number, title, months, goal }))).toEqual(
      seedPhases,
    );
  });

  it.each([1, 2, 3, 4])('contains every seed bullet of phase %i, in its seed-titled section', (n) => {
    const phase = defaultPlan.phases[n - 1]!;
    const sections = [phase.skillFocus, phase.practice, phase.positioning];
    const expected = seedBullets[n]!;
    expect(sections.map((s) => s.title)).toEqual(Object.keys(expected));
    const texts = allItems(phase).map((item) => item.text);
    for (const bullet of Object.values(expected).flat()) expect(texts).toContain(bullet);
    expect(texts).toHaveLength(Object.values(expected).flat().length);
  });

  it('suits items to the routine day they are practised on', () => {
    expect(itemById('p1-practice-daily-problem')?.activities).toEqual(['coding']);
    expect(itemById('p1-positioning-linkedin-posts')?.activities).toEqual(['writing']);
    expect(itemById('p2-positioning-oss-contributions')?.activities).toEqual(['open_source']);
    expect(itemById('p2-skill-database-internals')?.activities).toEqual(['coding', 'deep_dive']);
  });

  it('runs Mon–Wed coding, Thu open source, Fri writing, a 2-hour Sat deep dive and Sun reflection', () => {
    const summary = weekdays.map((day) => {
      const { activity, minutes, optional } = routineFor(defaultPlan, day);
      return `${day} ${activity} ${minutes}${optional ? ' optional' : ''}`;
    });
    expect(summary).toEqual([
      'mon coding 60',
      'tue coding 60',
      'wed coding 60',
      'thu open_source 60',
      'fri writing 60',
      'sat deep_dive 120 optional',
      'sun reflection 60',
    ]);
    expect(routineFor(defaultPlan, 'mon')).toMatchObject({
      title: 'Coding practice',
      what: 'algorithms + system design problem',
    });
  });

  it('makes only Saturday optional', () => {
    expect(weekdays.filter((day) => defaultPlan.routine[day].optional)).toEqual(['sat']);
  });
});

describe('plan helpers', () => {
  it('phaseForMonth finds the phase covering each month and rejects months outside the plan', () => {
    const numbers = Array.from({ length: 12 }, (_, i) => phaseForMonth(defaultPlan, i + 1).number);
    expect(numbers).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(() => phaseForMonth(defaultPlan, 0)).toThrow(RangeError);
    expect(() => phaseForMonth(defaultPlan, 13)).toThrow(RangeError);
  });

  it('allItems lists skill focus, then practice, then positioning items', () => {
    const phase4 = defaultPlan.phases[3]!;
    expect(allItems(phase4).map((item) => item.id)).toEqual([
      ...phase4.skillFocus.items.map((i) => i.id),
      ...phase4.practice.items.map((i) => i.id),
      ...phase4.positioning.items.map((i) => i.id),
    ]);
    expect(allItems(phase4)).toHaveLength(6);
  });

  it('formatPlan outlines phases, goals, sections, every item and the routine', () => {
    const text = formatPlan(defaultPlan);
    expect(text).toContain('Phase 4 (Months 10–12): Career Leverage & Thought Leadership');
    expect(text).toContain('  Goal: Build visibility as an expert.');
    expect(text).toContain('  Thought Leadership\n');
    for (const item of defaultPlan.phases.flatMap(allItems)) expect(text).toContain(`    - ${item.text}`);
    expect(text).toContain(
      'Sat: Deep dive — deep dive into one topic (use weekends for longer learning) (120 min, optional)',
    );
    expect(text).toContain('Sun: Reflection — reflection + plan next week (60 min)');
  });
});

// Plans as they arrive from JSON: anything goes, so the mutations below are untyped on purpose.
// biome-ignore lint/suspicious/noExplicitAny: a plan as parsed from JSON, mutated freely to produce bad input
type Json = any;
function issuesOf(mutate: (plan: Json) => void): string[] {
  const plan: Json = structuredClone(defaultPlan);
  mutate(plan);
  const result = parsePlan(plan);
  return result.ok ? [] : result.issues;
}

describe('parsePlan', () => {
  it('accepts the default plan after a JSON round trip', () => {
    expect(parsePlan(JSON.parse(JSON.stringify(defaultPlan)))).toEqual({ ok: true, plan: defaultPlan });
  });

  it.each<[string, (plan: Json) => void, string]>([
    ['a missing goal', (p) => delete p.phases[1].goal, 'phases[1].goal: '],
    [
      'a month range that runs backwards',
      (p) => (p.phases[1].months = { from: 6, to: 4 }),
      'phases[1].months.to: must be ≥ months.from',
    ],
    [
      'a gap between phases',
      (p) => (p.phases[1].months.from = 5),
      'phases[1].months.from: must be 4: month 4 is not covered',
    ],
    [
      'overlapping phases',
      (p) => (p.phases[2].months.from = 6),
      'phases[2].months.from: must be 7: overlaps the previous phase',
    ],
    ['phases that stop before the last month', (p) => (p.phases[3].months.to = 11), 'phases[3].months.to: must be 12'],
    ['a first phase not starting at month 1', (p) => (p.phases[0].months.from = 2), 'phases[0].months.from: must be 1'],
    ['phases numbered out of order', (p) => p.phases.reverse(), 'phases[0].number: must be 1'],
    [
      'a duplicate item id',
      (p) => (p.phases[2].practice.items[1].id = 'p1-skill-dsa'),
      "phases[2].practice.items[1].id: duplicate id 'p1-skill-dsa'",
    ],
    [
      'an id that is not kebab-case',
      (p) => (p.phases[0].positioning.items[0].id = 'Bad Id'),
      'phases[0].positioning.items[0].id: must be kebab-case',
    ],
    [
      'an item with no activity',
      (p) => (p.phases[0].practice.items[0].activities = []),
      'phases[0].practice.items[0].activities: ',
    ],
    [
      'an unknown activity',
      (p) => (p.phases[1].skillFocus.items[2].activities = ['coding', 'cooking']),
      'phases[1].skillFocus.items[2].activities[1]: ',
    ],
    ['an empty section', (p) => (p.phases[3].positioning.items = []), 'phases[3].positioning.items: '],
    ['minutes 0', (p) => (p.routine.tue.minutes = 0), 'routine.tue.minutes: '],
    ['a missing weekday', (p) => delete p.routine.wed, 'routine.wed: missing'],
    ['an unknown weekday', (p) => (p.routine.funday = p.routine.mon), 'routine.funday: unrecognized key'],
    [
      'a required day over the daily budget',
      (p) => (p.routine.thu.minutes = 90),
      'routine.thu.minutes: must be ≤ dailyMinutes (60)',
    ],
  ])('names the path of %s', (_, mutate, expected) => {
    const issues = issuesOf(mutate);
    expect(
      issues.some((issue) => issue.startsWith(expected)),
      issues.join('\n'),
    ).toBe(true);
  });

  it('reports each of several bad fields on its own line', () => {
    const issues = issuesOf((p) => {
      delete p.phases[0].goal;
      p.routine.sun.minutes = 0;
      p.routine.fri.activity = 'partying';
    });
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
      'phases[0].goal',
      'routine.fri.activity',
      'routine.sun.minutes',
    ]);
  });

  it('rejects a document that is not a plan object at the root', () => {
    expect(parsePlan([])).toEqual({ ok: false, issues: [expect.stringMatching(/^\(root\): /)] });
  });
});

describe('loadPlanFile and the CLI', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let dir = '';
  let goodFile = '';
  let badFile = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plan-test-'));
    goodFile = join(dir, 'good.json');
    badFile = join(dir, 'bad.json');
    const custom: Json = structuredClone(defaultPlan);
    custom.name = 'My Custom Plan';
    await writeFile(goodFile, JSON.stringify(custom));
    custom.phases[1].months = { from: 6, to: 4 };
    await writeFile(badFile, JSON.stringify(custom));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // Resolves with the exit code instead of throwing, so failures can be asserted on.
  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/plan/cli.ts', ...args], { cwd: root });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('loadPlanFile turns unreadable files and bad JSON into issues', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ nope');
    expect(await loadPlanFile(notJson)).toMatchObject({
      ok: false,
      issues: [expect.stringContaining('not valid JSON')],
    });
    expect(await loadPlanFile(join(dir, 'missing.json'))).toMatchObject({
      ok: false,
      issues: [expect.stringContaining('cannot read')],
    });
    expect(await loadPlanFile(goodFile)).toMatchObject({ ok: true, plan: { name: 'My Custom Plan' } });
  });

  it.concurrent('--json prints the default plan with every phase, goal and item', async () => {
    const { code, stdout } = await cli('--json');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Plan;
    expect(printed.phases.map((p) => p.goal)).toEqual(seedPhases.map((p) => p.goal));
    expect(printed.phases.flatMap(allItems).map((i) => i.text)).toEqual(
      Object.values(seedBullets).flatMap((sections) => Object.values(sections).flat()),
    );
  });

  it.concurrent('--file with a bad plan exits 1 and prints the bad field path', async () => {
    const { code, stderr } = await cli('--file', badFile);
    expect(code).toBe(1);
    expect(stderr).toContain('phases[1].months.to: must be ≥ months.from');
  });

  it.concurrent('--file with a good plan prints its outline', async () => {
    const { code, stdout } = await cli('--file', goodFile);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^My Custom Plan — 12 months, 60 min\/day\n/);
    expect(stdout).toContain('Phase 1 (Months 1–3): Foundation & Positioning');
  });

  it.concurrent('an unknown flag prints usage and exits 2', async () => {
    const { code, stderr } = await cli('--frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run plan');
  });
});
