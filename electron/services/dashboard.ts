import { localDateOf, mondayOf } from '../../shared/local-date';
import type { Dashboard } from '../../shared/model/tracking';
import { finishedStages, stages, targets, type Stage } from '../../shared/model/tracking';
import { dueChecklistItems } from './phones';
import type { ServiceContext } from './context';
import { overdueCutoffs } from './contacts';
import { getSettings } from './settings';

/**
 * Monday of the week a stored moment (UTC) fell in on the office's calendar, as YYYY-MM-DD: a step
 * taken on Monday at 00:30 in Germany (Sunday 23:30 UTC) counts for the new week.
 */
// History times are written by SQLite (always a full UTC moment), so the local date is always there.
const weekOf = (moment: string): string => mondayOf(localDateOf(moment)!);

/**
 * The overview: contacts per stage and target, progress per week (replayed from the history of
 * stage changes), and how many contacts each next-step list holds.
 */
export function dashboard(ctx: ServiceContext): Dashboard {
  const base = { ...overdueCutoffs(ctx), search: '' };
  const byStage = Object.fromEntries(
    stages.map((stage) => [stage, ctx.repos.contactList.count({ ...base, stages: [stage] })]),
  ) as Dashboard['byStage'];
  const byTarget = Object.fromEntries(
    [...targets, 'none' as const].map((target) => [target, ctx.repos.contactList.count({ ...base, targets: [target] })]),
  ) as Dashboard['byTarget'];

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
    consented: ctx.repos.contactList.count({ ...base, consented: true }),
    progress,
    next: {
      notInvited: ctx.repos.contactList.count({ ...base, view: 'not_invited' }),
      invitationOverdue: ctx.repos.contactList.count({ ...base, view: 'invitation_overdue' }),
      letterOverdue: ctx.repos.contactList.count({ ...base, view: 'letter_overdue' }),
      withdrawn: ctx.repos.contactList.count({ ...base, view: 'withdrawn' }),
    },
    reminders: { invitationDays: settings.invitationReminderDays, letterDays: settings.letterReminderDays },
    phones: ctx.repos.phones.list().length,
    phonesDue: dueChecklistItems(ctx),
  };
}
