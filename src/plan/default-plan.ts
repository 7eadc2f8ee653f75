import type { ActivityKind, Plan, PlanItem, RoutineDay } from './model.js';

// The user's seed plan (career-growth-plan.md) encoded as data, so the project never reads the seed at run time.
// Texts are verbatim, **bold** kept because Discord renders it. Ids are stable: other modules store them.

const item = (id: string, activities: ActivityKind[], text: string): PlanItem => ({
  id,
  text,
  activities: [...activities], // copied so no two items share (and co-mutate) one array
});

// Studying a system is best done hands-on on coding days, or at length on the Saturday deep dive.
const study: ActivityKind[] = ['coding', 'deep_dive'];

const day = (activity: ActivityKind, title: string, what: string, minutes = 60, optional = false): RoutineDay => ({
  activity,
  title,
  what,
  minutes,
  optional,
});

const coding = (): RoutineDay => day('coding', 'Coding practice', 'algorithms + system design problem');

export const defaultPlan: Plan = {
  name: '12-Month Career Growth Plan',
  months: 12,
  dailyMinutes: 60,
  phases: [
    {
      number: 1,
      title: 'Foundation & Positioning',
      months: { from: 1, to: 3 },
      goal: 'Sharpen coding depth + identify gaps in system-level knowledge.',
      skillFocus: {
        title: 'Skill Focus',
        items: [
          item(
            'p1-skill-dsa',
            study,
            'Revisit **data structures & algorithms** (not for interviews only, but to think in performance terms).',
          ),
          item(
            'p1-skill-python-performance',
            study,
            'Study **Python performance tuning** (profiling, memory optimization, concurrency).',
          ),
          item(
            'p1-skill-pipeline-design',
            study,
            'Learn **system design for data pipelines** (scalability, fault tolerance, latency).',
          ),
        ],
      },
      practice: {
        title: 'Practice',
        items: [
          item(
            'p1-practice-daily-problem',
            ['coding'],
            'Start solving **LeetCode / HackerRank / Project Euler** (1 problem/day).',
          ),
          item(
            'p1-practice-profile-work-code',
            ['coding'],
            'Optimize your **existing Python code** at work with profiling tools (`cProfile`, `line_profiler`).',
          ),
        ],
      },
      positioning: {
        title: 'Positioning',
        items: [
          item(
            'p1-positioning-linkedin-posts',
            ['writing'],
            'Begin writing short **LinkedIn posts** about what you learn (start building your voice).',
          ),
        ],
      },
    },
    {
      number: 2,
      title: 'Deep Tech in Data Engineering',
      months: { from: 4, to: 6 },
      goal: 'Get recognized as a system design & performance optimization specialist in data pipelines.',
      skillFocus: {
        title: 'Skill Focus',
        items: [
          item(
            'p2-skill-database-internals',
            study,
            'Learn **advanced database internals** (Postgres, BigQuery, columnar stores, indexes, query planning).',
          ),
          item(
            'p2-skill-distributed-systems',
            study,
            'Study **distributed systems** concepts (Kafka, Spark, Flink, Airflow internals).',
          ),
          item(
            'p2-skill-cloud-optimization',
            study,
            'Hands-on with **cloud optimizations** (GCP BigQuery optimization, partitioning, clustering).',
          ),
        ],
      },
      practice: {
        title: 'Practice',
        items: [
          // Built in a personal repo (Thursday), grown on the deep dive, and the results get written up (Friday).
          item(
            'p2-practice-dataset-pipeline',
            ['open_source', 'deep_dive', 'writing'],
            'Pick a **real dataset** (e.g., Strava activity logs) → build and optimize a **pipeline** → publish ' +
              'results.',
          ),
          item(
            'p2-practice-performance-blog',
            ['writing'],
            'Write a **blog/tutorial** on how you improved performance (e.g., “Optimizing BigQuery cost by 40% ' +
              'with partitioning”).',
          ),
        ],
      },
      positioning: {
        title: 'Positioning',
        items: [
          item(
            'p2-positioning-oss-contributions',
            ['open_source'],
            'Contribute to **open-source data engineering tools** (e.g., Apache Airflow, dbt, DuckDB). Even ' +
              'small bug fixes count.',
          ),
          // Networking has no routine day of its own: posting in communities is writing; choosing events is Sunday
          // planning.
          item(
            'p2-positioning-networking',
            ['writing', 'reflection'],
            'Start networking with data engineering communities (Slack groups, conferences).',
          ),
        ],
      },
    },
    {
      number: 3,
      title: 'Expert Recognition',
      months: { from: 7, to: 9 },
      goal: 'Build visibility as an expert.',
      skillFocus: {
        title: 'Skill Focus',
        items: [
          item(
            'p3-skill-hybrid-performance',
            study,
            'Master **Python + C hybrid performance** (Cython, Rust with PyO3, Numba).',
          ),
          item(
            'p3-skill-data-formats',
            study,
            'Explore **modern data formats** (Parquet, Arrow) and how they impact performance.',
          ),
          item(
            'p3-skill-pipeline-observability',
            study,
            'Learn **observability in pipelines** (logging, tracing, metrics for performance).',
          ),
        ],
      },
      practice: {
        title: 'Practice',
        items: [
          item(
            'p3-practice-whitepaper',
            ['writing'],
            'Publish a **whitepaper-style article**: “How I built a high-performance data pipeline handling X GB/day.”',
          ),
          item(
            'p3-practice-talk-proposal',
            ['writing'],
            'Do a **conference talk proposal** (local meetups, PyData, GCP community events).',
          ),
        ],
      },
      positioning: {
        title: 'Positioning',
        items: [
          item('p3-positioning-blog-github', ['writing', 'open_source'], 'Keep an **active blog/GitHub**.'),
          // Philosophies and lessons come out of the Sunday reflection before they are written up.
          item(
            'p3-positioning-personal-brand',
            ['writing', 'reflection'],
            'Build your **personal brand**: share coding philosophies + lessons (TEDx angle: “The discipline of ' +
              'deep coding”).',
          ),
        ],
      },
    },
    {
      number: 4,
      title: 'Career Leverage & Thought Leadership',
      months: { from: 10, to: 12 },
      goal: 'Convert expertise into salary growth + recognition.',
      skillFocus: {
        title: 'Skill Focus',
        items: [
          item(
            'p4-skill-large-scale-design',
            study,
            'Study **advanced system design for large-scale data systems** (think FAANG-level design).',
          ),
          item('p4-skill-benchmarking', study, 'Learn **performance benchmarking frameworks** and apply them.'),
        ],
      },
      // The seed names phase 4's sections differently; they fill the practice/positioning slots.
      practice: {
        title: 'Career Growth',
        items: [
          item(
            'p4-career-specialist-roles',
            ['reflection'],
            'Target **specialist roles** (Senior Data Engineer, Data Architect, Performance Engineer).',
          ),
          item(
            'p4-career-salary-negotiation',
            ['reflection', 'writing'],
            'Prepare **salary negotiations** with strong portfolio proof (GitHub, blogs, talks).',
          ),
        ],
      },
      positioning: {
        title: 'Thought Leadership',
        items: [
          item(
            'p4-leadership-tedx-talk',
            ['writing', 'deep_dive'],
            'Apply to **speak at a local TEDx** or technical conference (topic: coding discipline, data ' +
              'engineering performance hacks, or system design lessons).',
          ),
          item(
            'p4-leadership-mentoring',
            ['open_source', 'reflection'],
            'Mentor juniors in your org or community → reinforces your authority.',
          ),
        ],
      },
    },
  ],
  routine: {
    mon: coding(),
    tue: coding(),
    wed: coding(),
    thu: day('open_source', 'Open-source work', 'work on open-source project / personal repo'),
    fri: day('writing', 'Writing', 'write LinkedIn/blog post'),
    // The seed's only longer, optional slot: "use weekends for longer learning".
    sat: day('deep_dive', 'Deep dive', 'deep dive into one topic (use weekends for longer learning)', 120, true),
    sun: day('reflection', 'Reflection', 'reflection + plan next week'),
  },
};
