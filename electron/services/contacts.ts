import type { Contact, ContactListInput, ContactPage } from '../../shared/model/contact';
import type { ContactQuery } from '../db/repositories/contact-query';
import type { ServiceContext } from './context';
import { getSettings } from './settings';

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** The parts of every contact query that come from the settings: when an invitation or a letter is overdue. */
export function contactQuery(ctx: ServiceContext): Pick<ContactQuery, 'invitedBefore' | 'letterSentBefore'> {
  const settings = getSettings(ctx);
  return { invitedBefore: daysAgo(settings.invitationReminderDays), letterSentBefore: daysAgo(settings.letterReminderDays) };
}

export const countContacts = (ctx: ServiceContext): { total: number } => ({ total: ctx.repos.contacts.count() });

export function listContacts(ctx: ServiceContext, input: Required<Pick<ContactListInput, 'offset' | 'limit' | 'search' | 'sort' | 'descending'>> & ContactListInput): ContactPage {
  const { offset, limit, sort, descending, ...filter } = input;
  return ctx.repos.contactQuery.page({ ...contactQuery(ctx), ...filter, search: filter.search ?? '' }, { sort, descending, offset, limit });
}

export const allContacts = (ctx: ServiceContext): Contact[] => ctx.repos.contacts.all();
