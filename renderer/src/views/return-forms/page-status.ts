import type { PageProposal } from '../../../../shared/model/return-forms';
import { purposes, type Purpose } from '../../../../shared/model/tracking-terms';

/**
 * What the review of a stack of returned forms decides per page, as pure functions (unit-tested):
 * the page's status in the list, what the office has decided so far, and whether that can be recorded.
 */

/** A box as the office sees it: ticked, not ticked, or not clear yet (null: the office must decide). */
export type Tick = boolean | null;

/** Ticks by purpose; only the purposes the form had (or, matched by hand, all of them). */
export type PurposeTicks = Partial<Record<Purpose, Tick>>;

export interface PageDraft {
  contact: PageProposal['contact'];
  /**
   * The code recorded with the page: the QR code's text as read (whatever it says: the services check it
   * against the contact), or the Rückläufer-Code typed by the office; null only when the page had none.
   */
  code: string | null;
  letterDate: string | null;
  version: string | null;
  purposes: PurposeTicks;
  transfer: Tick;
  refused: Tick;
  signed: Tick;
  /** The contact was chosen by the office (by name or a typed code), not read from the page. */
  matchedByHand: boolean;
}

/** What happened to a page in this session: recorded (with its evidence, when the services kept the scan) or skipped. */
export type PageOutcome = { kind: 'recorded'; decision: 'consent' | 'refusal'; evidenceId: number | null } | { kind: 'skipped' };

/**
 * The statuses of the page list: sure (may be taken over without a look), check (the office decides
 * something), noCode (no readable code: match by hand), unassignable (another business's code, or a
 * contact that is gone: only skipped), blank, recorded (a page of this form is kept already), duplicate
 * (an earlier page of this stack is the same form), done and skipped (this session).
 */
export const pageStatuses = ['sure', 'check', 'noCode', 'unassignable', 'blank', 'recorded', 'duplicate', 'done', 'skipped'] as const;
export type PageStatus = (typeof pageStatuses)[number];

/** Each status's colour in the list and on the page: green is done, red needs a hand, grey needs nothing. */
export const statusColors: Record<PageStatus, string> = {
  sure: 'teal',
  check: 'yellow',
  noCode: 'red',
  unassignable: 'orange',
  blank: 'gray',
  recorded: 'blue',
  duplicate: 'grape',
  done: 'green',
  skipped: 'gray',
};

/** The office's starting point: what the page was read as. */
export function draftFrom(proposal: PageProposal): PageDraft {
  const read = proposal.codeState === 'valid' && proposal.contact !== null;
  return {
    contact: read ? proposal.contact : null,
    code: proposal.code,
    letterDate: read ? proposal.letterDate : null,
    version: read ? proposal.version : null,
    purposes: { ...proposal.purposes },
    transfer: proposal.transfer,
    refused: proposal.refused,
    signed: proposal.signed,
    matchedByHand: false,
  };
}

/**
 * Whether the office may match the page to a contact by hand (a name searched, a code typed): only when
 * no code of this business was read on it (none found, or a QR code that is no Rückläufer-Code). A code
 * of another business, or of a contact no longer there, says the page is none of this business's
 * contacts' forms: matching it to one would record a consent nobody gave.
 */
export const matchableByHand = (proposal: PageProposal): boolean => proposal.codeState === 'missing' || proposal.codeState === 'unreadable';

/**
 * A page matched by hand, read again by the services for that contact (`proposal`): with a typed code,
 * as the form the code names; matched by name, as the contact's last letter's form. `code` is what is
 * recorded with it: the typed code, or (matched by name) the QR code's text read from the page. Where
 * the services could not say which boxes the form had (or were not asked), every purpose is left for
 * the office to decide from the picture.
 */
export function matchByHand(
  draft: PageDraft,
  contact: NonNullable<PageProposal['contact']>,
  proposal: PageProposal | null,
  code: string | null,
): PageDraft {
  const read = proposal
    ? { ...draftFrom(proposal), letterDate: proposal.letterDate, version: proposal.version }
    : { ...draft, letterDate: null, version: null };
  const purposesKnown = Object.keys(read.purposes).length > 0;
  return {
    ...read,
    code,
    contact,
    purposes: purposesKnown ? read.purposes : Object.fromEntries(purposes.map((purpose) => [purpose, null])),
    matchedByHand: true,
  };
}

export function pageStatus(proposal: PageProposal, draft: PageDraft, outcome: PageOutcome | null): PageStatus {
  if (outcome) return outcome.kind === 'recorded' ? 'done' : 'skipped';
  if (proposal.blank) return 'blank';
  if (proposal.sameAsPage !== null) return 'duplicate';
  if (proposal.alreadyRecorded) return 'recorded';
  if (!draft.contact) return matchableByHand(proposal) ? 'noCode' : 'unassignable';
  return proposal.sure && !draft.matchedByHand ? 'sure' : 'check';
}

/** Why a page cannot be recorded as it stands (the catalogue's key under returnFormsView.blocked). */
export type Blocked =
  | 'noContact'
  | 'undecidedRefusal'
  | 'refusedAndTicked'
  | 'undecidedPurposes'
  | 'noPurpose'
  | 'undecidedTransfer'
  | 'undecidedSignature'
  | 'unsigned';

export type Decision =
  | { ok: true; decision: 'consent'; purposes: Purpose[]; transfer: boolean }
  | { ok: true; decision: 'refusal'; purposes: []; transfer: null }
  | { ok: false; blocked: Blocked };

/**
 * What the page says, once every box is decided. "Nein" ticked is a refusal, recorded without a
 * signature (a no is respected however it comes); a box ticked beside it is a contradiction the office
 * resolves. A consent needs at least one purpose, the Art. 49 box decided and a signature: an
 * unsigned form is no consent at all.
 */
export function decide(draft: PageDraft): Decision {
  if (!draft.contact) return { ok: false, blocked: 'noContact' };
  const ticks = Object.values(draft.purposes);
  if (draft.refused === null) return { ok: false, blocked: 'undecidedRefusal' };
  if (ticks.includes(null)) return { ok: false, blocked: 'undecidedPurposes' };
  if (draft.refused) {
    if (ticks.includes(true) || draft.transfer === true) return { ok: false, blocked: 'refusedAndTicked' };
    return { ok: true, decision: 'refusal', purposes: [], transfer: null };
  }
  const chosen = purposes.filter((purpose) => draft.purposes[purpose] === true);
  if (chosen.length === 0) return { ok: false, blocked: 'noPurpose' };
  if (draft.transfer === null) return { ok: false, blocked: 'undecidedTransfer' };
  if (draft.signed === null) return { ok: false, blocked: 'undecidedSignature' };
  if (!draft.signed) return { ok: false, blocked: 'unsigned' };
  return { ok: true, decision: 'consent', purposes: chosen, transfer: draft.transfer };
}

/**
 * What Enter (and the filled button) does on a page of this status: take it over, skip it, or nothing.
 * Nothing while the page is being matched anew (`matchLoading`): taking it over then would record the
 * contact it had before, not the one the office just chose.
 */
export function primaryAction(status: PageStatus, matchLoading = false): 'accept' | 'skip' | null {
  if (status === 'done' || status === 'skipped' || matchLoading) return null;
  if (status === 'blank' || status === 'duplicate' || status === 'recorded' || status === 'unassignable') return 'skip';
  return 'accept';
}

/**
 * A page matched anew (see matchByHand), unless it was taken over or skipped while the match was on its
 * way: a page with an outcome keeps what was recorded for it.
 */
export function rematched<P extends { draft: PageDraft; proposal: PageProposal; outcome: PageOutcome | null; error: string | null }>(
  page: P,
  contact: NonNullable<PageProposal['contact']>,
  reread: PageProposal | null,
  code: string | null,
): P {
  if (page.outcome !== null) return page;
  return {
    ...page,
    // Read again, the page is that form's (its boxes, its notes, its confidence); its place in the stack stays.
    proposal: reread ? { ...reread, page: page.proposal.page, sameAsPage: page.proposal.sameAsPage } : page.proposal,
    draft: matchByHand(page.draft, contact, reread, code),
    error: null,
  };
}

/** How sure the reading of a page is, in words an office uses: sure, fairly sure, unsure. */
export type Confidence = { level: 'high' | 'medium' | 'low'; percent: number };

/**
 * A proposal's confidence (0 … 1) for the page list and the page. Every box the services could not call
 * halves it, a box close to the line takes a fifth off, no code of this business leaves a fifth: 90 % and
 * more is a clear reading, under 60 % at least one thing on the page was not read.
 */
export function confidenceOf(confidence: number): Confidence {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(confidence) ? confidence : 0));
  const percent = Math.round(clamped * 100);
  return { level: percent >= 90 ? 'high' : percent >= 60 ? 'medium' : 'low', percent };
}

const open = (status: PageStatus) => status !== 'done' && status !== 'skipped';

/** The next page still open after `from` (wrapping round to the start), or null when every page is done. */
export function nextOpenPage(statuses: readonly PageStatus[], from: number): number | null {
  for (let step = 1; step <= statuses.length; step += 1) {
    const index = (from + step) % statuses.length;
    if (open(statuses[index]!)) return index;
  }
  return null;
}

/** The pages "Alle sicheren übernehmen" records: sure, still open, and decided (a sure page normally is). */
export function surePages(statuses: readonly PageStatus[], drafts: readonly PageDraft[]): number[] {
  return statuses.flatMap((status, index) => (status === 'sure' && decide(drafts[index]!).ok ? [index] : []));
}

/** How many pages have each status, for the summary above the list. */
export function countStatuses(statuses: readonly PageStatus[]): Record<PageStatus, number> {
  const counts = Object.fromEntries(pageStatuses.map((status) => [status, 0])) as Record<PageStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
