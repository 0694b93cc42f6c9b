import type { Contact, ContactPage } from '../../shared/model/contact';
import type { ValidInput } from '../../shared/contract';
import type { ServiceContext } from './context';

export const countContacts = (ctx: ServiceContext): { total: number } => ({ total: ctx.repos.contacts.count() });

export const listContacts = (ctx: ServiceContext, input: ValidInput<'contacts.list'>): ContactPage =>
  ctx.repos.contacts.page(input);

export const allContacts = (ctx: ServiceContext): Contact[] => ctx.repos.contacts.all();
