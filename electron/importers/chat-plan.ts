import { splitFullName } from '../../shared/names';
import { normalizePhone } from '../../shared/phone';
import type { Contact } from '../../shared/model/contact';
import type { ContactFields, MatchIndex } from '../db/repositories/contacts';
import { MemoryCandidateStore } from './candidate-store';
import { countKey, nameKey, type ContactPatch, type Plan, type PlanRow } from './import-plan';
import type { CandidateContact } from './normalize';
import type { ChatParticipant } from './whatsapp-chat';

/** What a chat says about a contact: on WhatsApp, last message at … (never an older date). */
export function chatPatch(existing: Pick<Contact, 'onWhatsapp' | 'whatsappLastMessageAt'>, lastMessageAt: string): ContactPatch | null {
  const fields: Partial<ContactFields> = {};
  if (!existing.onWhatsapp) fields.onWhatsapp = true;
  if (!existing.whatsappLastMessageAt || existing.whatsappLastMessageAt < lastMessageAt) fields.whatsappLastMessageAt = lastMessageAt;
  return Object.keys(fields).length ? { fields, phones: [], emails: [], addresses: [] } : null;
}

/** A sender as a contact to create: their number, or the name the phone showed (split into its parts). */
function candidateOf(participant: ChatParticipant, region: string): CandidateContact {
  const phone = participant.phone ? normalizePhone(participant.phone, region) : null;
  const name = participant.phone ? null : splitFullName(participant.sender);
  return {
    line: participant.firstLine,
    displayName: participant.sender,
    givenName: name?.givenName ?? null,
    familyName: name?.familyName ?? null,
    title: name?.title ?? null,
    gender: name?.gender ?? null,
    organization: name?.organization ?? null,
    department: null,
    jobTitle: null,
    note: null,
    birthday: null,
    customerNumber: null,
    kind: null,
    language: null,
    isCompany: false,
    phones: participant.phone ? [{ raw: participant.phone, e164: phone?.e164 ?? null, kind: phone?.kind ?? 'invalid', label: null }] : [],
    emails: [],
    addresses: [],
    invalidReason: null,
  };
}

/**
 * Matches the senders of a chat export to contacts: by number when the export shows one, else by
 * the name the business phone stores (all words equal, and only when exactly one contact has it).
 * A sender the export shows only as a number is on WhatsApp with that number: it becomes a contact
 * (on WhatsApp, with the last message's date). A sender known only by a name is listed, to be
 * created with one click. A number shared by several contacts (two people the office keeps apart,
 * say) marks none of them, unless the chat's file names one of them as the partner.
 */
export function planChat(
  participants: ChatParticipant[],
  partner: string | null,
  context: { index: MatchIndex; load: (ids: number[]) => Map<number, Contact>; region: string },
): Plan {
  const byName = new Map<string, number[]>();
  for (const [id, names] of context.index.names) {
    for (const key of new Set([nameKey(names.displayName), nameKey([names.givenName, names.familyName].filter(Boolean).join(' '))])) {
      if (!key) continue;
      byName.set(key, [...(byName.get(key) ?? []), id]);
    }
  }
  // In a one-to-one chat the file name names the partner, even when the sender line shows a number.
  const partnerIds = partner ? byName.get(nameKey(partner)) : undefined;

  const matched = participants.map((participant) => {
    const candidate = candidateOf(participant, context.region);
    const e164 = candidate.phones[0]?.e164;
    const ids = (e164 ? context.index.byE164.get(e164) : undefined) ?? byName.get(nameKey(participant.sender));
    // Several contacts with the sender's number: the partner named by the file decides, if it is one of them.
    const partnerAmong = ids && ids.length > 1 && partnerIds?.length === 1 && ids.includes(partnerIds[0]!) ? partnerIds[0]! : null;
    return {
      participant,
      candidate,
      id: ids?.length === 1 ? ids[0]! : partnerAmong,
      ambiguous: (ids?.length ?? 0) > 1 && partnerAmong === null,
    };
  });
  if (partnerIds?.length === 1 && !matched.some((m) => m.id === partnerIds[0])) {
    // The partner wrote under a number or a profile name the phone does not know: the non-matching sender it is.
    const unmatched = matched.filter((m) => m.id === null && !m.ambiguous);
    if (unmatched.length === 1) unmatched[0]!.id = partnerIds[0]!;
  }

  const existing = context.load(matched.flatMap((m) => (m.id !== null ? [m.id] : [])));
  const store = new MemoryCandidateStore();
  const rows: PlanRow[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };
  for (const { participant, candidate, id, ambiguous } of matched) {
    const row: PlanRow = {
      action: 'invalid',
      index: store.add(candidate),
      line: candidate.line,
      existingId: id,
      plannedIndex: null,
      existingName: null,
      patch: null,
      reason: null,
      lastMessageAt: participant.lastMessageAt,
    };
    const contact = id !== null ? existing.get(id) : undefined;
    const readableNumber = participant.phone !== null && candidate.phones[0]?.e164 != null;
    if (!contact && !ambiguous && readableNumber) {
      row.action = 'create';
      row.existingId = null;
      row.reason = { key: 'chatNewFromNumber', vars: { date: participant.lastMessageAt.slice(0, 10), count: participant.messages } };
    } else if (!contact) {
      row.existingId = null;
      row.reason = { key: ambiguous ? 'chatSenderAmbiguous' : participant.phone !== null ? 'chatNumberUnreadable' : 'chatSenderUnknown' };
    } else {
      row.existingName = contact.displayName;
      row.patch = chatPatch(contact, participant.lastMessageAt);
      row.action = row.patch ? 'update' : 'unchanged';
      row.reason = { key: 'chatLastMessage', vars: { date: participant.lastMessageAt.slice(0, 10), count: participant.messages } };
    }
    counts[countKey[row.action]] += 1;
    rows.push(row);
  }
  return { rows, counts, store };
}
