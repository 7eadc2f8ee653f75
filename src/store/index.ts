import { streakRulesFor } from '../coach/routine.js';
import type { Plan } from '../plan/model.js';
import { createCheckinsRepository } from './checkins.repository.js';
import { createCoachingRepository } from './coaching.repository.js';
import type { Db } from './db.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { createFreezesRepository } from './freezes.repository.js';
import { createGroupsRepository } from './groups.repository.js';
import { createHistoryRepository } from './history.repository.js';
import { createMemberDataRepository } from './member-data.repository.js';
import { createMembersRepository } from './members.repository.js';
import { createNudgePlansRepository } from './nudge-plans.repository.js';
import { createProgressRepository } from './progress.repository.js';
import { createReflectionsRepository } from './reflections.repository.js';
import { createSummaryRepository } from './summary.repository.js';

/** All repositories over one database and one plan (the plan's optional days shape the streak rules). */
export function createStore({ db, plan }: { db: Db; plan: Plan }) {
  const rules = streakRulesFor(plan);
  return {
    members: createMembersRepository({ db, rules }),
    checkins: createCheckinsRepository({ db, rules, plan }),
    progress: createProgressRepository({ db, plan, rules }),
    deliveries: createDeliveriesRepository({ db }),
    nudgePlans: createNudgePlansRepository({ db }),
    groups: createGroupsRepository({ db }),
    summary: createSummaryRepository({ db, rules }),
    coaching: createCoachingRepository({ db, plan, rules }),
    history: createHistoryRepository({ db, rules }),
    memberData: createMemberDataRepository({ db }),
    reflections: createReflectionsRepository({ db, rules, plan }),
    freezes: createFreezesRepository({ db, rules }),
  };
}

export type Store = ReturnType<typeof createStore>;
