// The business phones with WhatsApp and their checklists (Einstellungen → Firmenhandys).
import { localDate } from '../../shared/local-date';
import { type BusinessPhone, type ChecklistItem, checklistItems, isDue, type PhoneInput } from '../../shared/model/phones';
import { AppError } from '../db/errors';
import type { PhoneBookCheckCounts } from '../db/repositories/phones';
import type { ServiceContext } from './context';

/** A stored address-book check as the phone shows it: its day and counts. */
const countsOf = ({ phoneId: _, ...counts }: PhoneBookCheckCounts) => counts;

/**
 * The phones in use, each with its checklist (every item, due or not) and its newest address-book
 * check; with `retiredToo` also those no longer in use (the accountability report keeps their record).
 */
export function listPhones(ctx: ServiceContext, now = new Date(), retiredToo = false): BusinessPhone[] {
  const today = localDate(now);
  const ticks = ctx.repos.phones.latestTicks();
  const checks = ctx.repos.phones.latestPhoneBookChecks();
  return ctx.repos.phones.list(retiredToo).map((phone) => {
    const checklist = checklistItems.map((item) => {
      const tick = ticks.find((entry) => entry.phoneId === phone.id && entry.item === item);
      const checkedOn = tick?.checkedOn ?? null;
      return { item, checkedOn, checkedBy: tick?.checkedBy ?? null, due: isDue(checkedOn, today) };
    });
    const check = checks.find((entry) => entry.phoneId === phone.id);
    return { ...phone, checklist, lastPhoneBookCheck: check ? countsOf(check) : null };
  });
}

const phoneById = (ctx: ServiceContext, id: number, now: Date): BusinessPhone => {
  const phone = listPhones(ctx, now).find((entry) => entry.id === id);
  if (!phone) throw new AppError('not_found', 'phones.errors.notFound');
  return phone;
};

export function addPhone(ctx: ServiceContext, input: PhoneInput, now = new Date()): BusinessPhone {
  const id = ctx.repos.phones.add(input, now.toISOString());
  return phoneById(ctx, id, now);
}

export function updatePhone(ctx: ServiceContext, id: number, input: PhoneInput, now = new Date()): BusinessPhone {
  phoneById(ctx, id, now);
  ctx.repos.phones.update(id, input);
  return phoneById(ctx, id, now);
}

/** A phone no longer in use leaves the list; what was checked on it stays on record for the report. */
export function retirePhone(ctx: ServiceContext, id: number, now = new Date()): void {
  phoneById(ctx, id, now);
  ctx.repos.phones.retire(id, now.toISOString());
}

/** Records that an item was checked on a day (not in the future) by someone; earlier ticks stay on record. */
export function tickChecklistItem(
  ctx: ServiceContext,
  tick: { phoneId: number; item: ChecklistItem; checkedOn: string; checkedBy: string },
  now = new Date(),
): BusinessPhone {
  phoneById(ctx, tick.phoneId, now);
  if (tick.checkedOn > localDate(now)) throw new AppError('invalid_input', 'phones.errors.futureDay');
  ctx.repos.phones.tick(tick, now.toISOString());
  return phoneById(ctx, tick.phoneId, now);
}

/** The checklist items due on the phones in use (never checked, or over 6 months ago), for the overview. */
export function dueChecklistItems(ctx: ServiceContext, now = new Date()): { phoneId: number; phone: string; items: ChecklistItem[] }[] {
  return listPhones(ctx, now)
    .map((phone) => ({
      phoneId: phone.id,
      phone: phone.name,
      items: phone.checklist.filter((entry) => entry.due).map((entry) => entry.item),
    }))
    .filter((phone) => phone.items.length > 0);
}
