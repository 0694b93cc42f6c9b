import type { Dashboard } from '../../shared/model/tracking';
import { finishedStages, stages, targets, type Stage } from '../../shared/model/tracking';
import type { ServiceContext } from './context';
import { contactQuery } from './contacts';
import { getSettings } from './settings';

/** Monday of the week of an ISO date-time, as YYYY-MM-DD. */
function weekOf(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The overview: contacts per stage and target, progress per week (replayed from the history of
 * stage changes), and how many contacts each next-step list holds.
 */
export function dashboard(ctx: ServiceContext): Dashboard {
  const base = { ...contactQuery(ctx), search: '' };
  const byStage = Object.fromEntries(stages.map((stage) => [stage, ctx.repos.contactQuery.count({ ...base, stages: [stage] })])) as Dashboard['byStage'];
  const byTarget = Object.fromEntries([...targets, 'none' as const].map((target) => [target, ctx.repos.contactQuery.count({ ...base, targets: [target] })])) as Dashboard['byTarget'];

  // Replay the stage changes in order; the counts at each week's last change are that week's.
  const weekly = new Map<string, { finished: number; started: number }>();
  let finished = 0;
  let started = 0;
  for (const change of ctx.repos.tracking.stageChanges()) {
    const before = (change.before as Stage | null) ?? 'new';
    const after = change.after as Stage;
    if (finishedStages.includes(before)) finished -= 1;
    if (finishedStages.includes(after)) finished += 1;
    if (before === 'new' && after !== 'new') started += 1;
    weekly.set(weekOf(change.at), { finished, started });
  }
  const progress = [...weekly].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, counts]) => ({ week, ...counts }));

  const settings = getSettings(ctx);
  return {
    total: ctx.repos.contacts.count(),
    byStage,
    byTarget,
    progress,
    next: {
      notInvited: ctx.repos.contactQuery.count({ ...base, view: 'not_invited' }),
      invitationOverdue: ctx.repos.contactQuery.count({ ...base, view: 'invitation_overdue' }),
      letterOverdue: ctx.repos.contactQuery.count({ ...base, view: 'letter_overdue' }),
      withdrawn: ctx.repos.contactQuery.count({ ...base, view: 'withdrawn' }),
    },
    reminders: { invitationDays: settings.invitationReminderDays, letterDays: settings.letterReminderDays },
  };
}
