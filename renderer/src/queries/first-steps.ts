import { useContactCount } from './contacts';
import { useDashboard } from './dashboard';
import { useProfile } from './profile';

export const firstStepKeys = ['profile', 'contacts', 'reach'] as const;
export type FirstStepKey = (typeof firstStepKeys)[number];

export interface FirstSteps {
  /** Each step in order, ticked once the database shows it done. */
  steps: { key: FirstStepKey; done: boolean }[];
  done: number;
  /** All three done: the checklist has nothing more to say. */
  finished: boolean;
}

/**
 * The first steps of a new office, read from what is stored rather than remembered: the business
 * profile complete (nothing `missing`), a contact in the list, a contact past "Neu" (invited, written
 * to, or already on a messenger). Each source is a query of its own, so every change that invalidates
 * the profile, the contacts or the overview ticks the list by itself. Null until all three are read.
 */
export function useFirstSteps(): { data: FirstSteps | null; error: Error | null; retry: () => void } {
  const profile = useProfile();
  const contacts = useContactCount();
  const dashboard = useDashboard();
  const retry = () => {
    for (const query of [profile, contacts, dashboard]) if (query.error) void query.refetch();
  };
  const error = profile.error ?? contacts.error ?? dashboard.error;
  if (!profile.data || contacts.data === undefined || !dashboard.data) return { data: null, error, retry };
  const done: Record<FirstStepKey, boolean> = {
    profile: profile.data.missing.length === 0,
    contacts: contacts.data > 0,
    reach: dashboard.data.total - dashboard.data.byStage.new > 0,
  };
  const steps = firstStepKeys.map((key) => ({ key, done: done[key] }));
  const count = steps.filter((step) => step.done).length;
  return { data: { steps, done: count, finished: count === steps.length }, error, retry };
}
