import type { Command } from '../src/discord/command.js';
import { checkin } from './checkin.js';
import { commitments } from './commitments.js';
import { exportCommand } from './export.js';
import { forget } from './forget.js';
import { history } from './history.js';
import { milestone } from './milestone.js';
import { pause } from './pause.js';
import { progress } from './progress.js';
import { reflect } from './reflect.js';
import { resume } from './resume.js';
import { settings } from './settings.js';
import { setup } from './setup.js';
import { start } from './start.js';
import { streak } from './streak.js';
import { summary } from './summary.js';
import { today } from './today.js';

/** The one list the router and the deploy script both read (no folder scanning). */
export const commands: readonly Command[] = [
  start,
  checkin,
  today,
  streak,
  progress,
  milestone,
  reflect,
  commitments,
  settings,
  pause,
  resume,
  setup,
  summary,
  history,
  exportCommand,
  forget,
];
