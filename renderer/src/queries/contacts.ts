import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type { Selection } from '../../../shared/model/contact';
import { request, useRequestMutation } from './client';
import { contactFieldsChanged, contactsChanged, keys } from './keys';

/** A contact with its consents, history and possible duplicates; while the next one is read, the last stays. */
export function useContact(id: number | undefined) {
  return useQuery({
    queryKey: keys.contact(id ?? 0),
    queryFn: id === undefined ? skipToken : () => request('contacts.get', { id }),
    placeholderData: keepPreviousData,
  });
}

/** The bin: how many contacts lie in it and the latest deleted. */
export function useBin() {
  return useQuery({ queryKey: keys.bin, queryFn: () => request('contacts.deleted', {}) });
}

/** How many contacts lie in the bin (the navigation's badge), without them. */
export function useBinCount() {
  return useQuery({ queryKey: keys.binCount, queryFn: () => request('contacts.deleted', { limit: 0 }), select: (bin) => bin.total });
}

/** How many contacts the list holds (not the bin). */
export function useContactCount() {
  return useQuery({ queryKey: keys.contactCount, queryFn: () => request('contacts.count', {}), select: (count) => count.total });
}

/** The tags in use, offered when tagging. */
export function useContactTags() {
  return useQuery({ queryKey: keys.tags, queryFn: () => request('contacts.tags', {}) });
}

/** The first contacts by name, to preview a template with. */
export function useContactSample() {
  return useQuery({ queryKey: keys.contactSample, queryFn: () => request('contacts.list', { search: '', offset: 0, limit: 50 }) });
}

/**
 * What the consent form needs for its contacts. Read only while the form is open (a selection in the
 * table changes with every click) and read again each time it opens: it says who can consent now.
 */
export function useConsentForm(selection: Selection, opened: boolean) {
  return useQuery({
    queryKey: keys.consentForm(selection),
    queryFn: () => request('consents.prepare', { selection }),
    enabled: opened,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export const useSetStage = () => useRequestMutation('contacts.setStage', { invalidates: contactsChanged });
export const useSetTarget = () => useRequestMutation('contacts.setTarget', { invalidates: contactsChanged });
/** The details form shows its own error. */
export const useUpdateContact = () => useRequestMutation('contacts.update', { invalidates: contactFieldsChanged, failure: 'inline' });
export const useMergeContacts = () => useRequestMutation('contacts.merge', { invalidates: contactsChanged });
// Kept apart or not: the pair's duplicates, their history and the table's duplicates filter; their way stays.
export const useKeepApart = () => useRequestMutation('contacts.keepApart', { invalidates: [keys.contacts] });
export const useUndoKeepApart = () => useRequestMutation('contacts.undoKeepApart', { invalidates: [keys.contacts] });
export const useBulkAction = () => useRequestMutation('contacts.bulk', { invalidates: contactsChanged });
export const useUndoBulk = () => useRequestMutation('contacts.undoBulk', { invalidates: contactsChanged });
/** The consent form and the withdrawal dialog show their own errors. */
export const useRecordConsent = () => useRequestMutation('consents.record', { invalidates: contactsChanged, failure: 'inline' });
export const useRecordConsents = () => useRequestMutation('consents.recordMany', { invalidates: contactsChanged, failure: 'inline' });
export const useWithdrawConsent = () => useRequestMutation('consents.withdraw', { invalidates: contactsChanged, failure: 'inline' });
/** "Neuer Kontakt": the form shows its own error. */
export const useCreateContact = () => useRequestMutation('contacts.create', { invalidates: contactsChanged, failure: 'inline' });
export const useRestoreContact = () => useRequestMutation('contacts.restore', { invalidates: contactsChanged });
export const useEraseFromBin = () => useRequestMutation('contacts.eraseFromBin', { invalidates: contactsChanged });
/** "Auskunft": the file to hand over; the contact's history then says it was given (and the report counts it). */
export const useAccessReport = () => useRequestMutation('contacts.accessReport', { invalidates: [keys.contacts] });
/** "Löschen auf Verlangen": the contact is gone from every list; its dialog shows its own error. */
export const useEraseContact = () => useRequestMutation('contacts.erase', { invalidates: contactsChanged, failure: 'inline' });
