import { createHash } from 'node:crypto';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { RequestOutput, ValidInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { guardianSignsBelow, signatureLineRoles } from '../../shared/letters/consent-letter';
import type { ConsentTextSnapshot } from '../../shared/letters/consent-text-version';
import { consentTextVersion } from '../../shared/letters/consent-text-version';
import { formatDate, localToday } from '../../shared/local-date';
import { formatReturnCode } from '../../shared/scan/return-code';
import type { Contact } from '../../shared/model/contact';
import type { PageProposal, PageReading } from '../../shared/model/return-forms';
import { canTransition, type Purpose } from '../../shared/model/tracking';
import { AppError } from '../db/errors';
import type { ServiceContext } from './context';
import { recordConsent } from './consents';
import { storeEvidence } from './evidence';
import { getProfile } from './profile';
import { checkReturnCode, type CheckedCode } from './return-codes';
import { messageLanguage } from './settings';
import { changeContact, now, requireContact } from './tracking';

/**
 * Returned consent forms read back from scans (issue 18). The reader (shared/scan/read-page.ts) measures
 * each page where the file is (the renderer, or the CLI); here the measurements become a proposal: whose
 * form it is (the Rückläufer-Code, checked with the database's key), which box is which purpose (the
 * form's text version says which boxes it had, in order), what is ticked, and how sure that is. A box
 * neither clearly ticked nor clearly empty is left for the office to decide (null) and makes the page
 * unsure: nothing unsure is ever recorded on its own.
 */

/** Inside a box (3.2 mm square), the part that is ink: a pen's tick or cross covers 10–30 %, a blank box under 1 %. */
export const TICKED_AT = 0.05;
export const EMPTY_BELOW = 0.015;
/** Above a signature line (9 mm high), the part that is ink: a signature covers 2–10 %, noise under 0.2 %. */
export const SIGNED_AT = 0.008;
export const UNSIGNED_BELOW = 0.002;

type Box = Purpose | 'transfer' | 'refusal';
type Tick = boolean | null;

const tick = (darkness: number, on: number, off: number): Tick => (darkness >= on ? true : darkness < off ? false : null);

/** The boxes on a form of this text version, in the order they are printed (consent-letter.ts formPage). */
function boxesOf(purposes: readonly Purpose[]): Box[] {
  return [
    ...purposes.filter((purpose) => purpose !== 'advertising'),
    ...(purposes.includes('advertising') ? ['advertising' as const] : []),
    'transfer',
    'refusal',
  ];
}

/** The purposes a text version's form asked for: from its kept wording, or today's profile if it is today's version. */
function purposesOfVersion(ctx: ServiceContext, version: string): Purpose[] | null {
  const kept = ctx.repos.consentTexts.wordings([version]).get(version);
  if (kept) return (JSON.parse(kept) as ConsentTextSnapshot).purposes;
  const profile = getProfile(ctx);
  return consentTextVersion(profile) === version ? profile.purposes : null;
}

interface Reading {
  purposes: Partial<Record<Purpose, Tick>>;
  transfer: Tick;
  refused: Tick;
  signed: Tick;
  notes: string[];
}

/**
 * What the boxes and the signature say, with notes for what is unclear. `formPurposes`: the purposes
 * the form of `version` asked for (null: the version is not known, nothing can be said).
 */
function readBoxes(ctx: ServiceContext, page: PageReading, contact: Contact, version: string, formPurposes: Purpose[] | null): Reading {
  const language = messageLanguage(ctx);
  const say = (key: string, vars: Record<string, string | number> = {}) => translate(language, `returnForms.notes.${key}`, vars);
  const unknown: Reading = { purposes: {}, transfer: null, refused: null, signed: null, notes: [] };
  if (!formPurposes) return { ...unknown, notes: [say('versionUnknown', { version })] };
  for (const purpose of formPurposes) unknown.purposes[purpose] = null;
  if (!page.aligned) return { ...unknown, notes: [say('notAligned')] };
  const expected = boxesOf(formPurposes);
  if (page.boxes.length !== expected.length) {
    return { ...unknown, notes: [say('boxesMismatch', { found: page.boxes.length, expected: expected.length })] };
  }
  const reading: Reading = { ...unknown, notes: [] };
  const unclear: string[] = [];
  expected.forEach((box, index) => {
    const value = tick(page.boxes[index]!.darkness, TICKED_AT, EMPTY_BELOW);
    if (value === null) unclear.push(boxName(language, box));
    if (box === 'transfer') reading.transfer = value;
    else if (box === 'refusal') reading.refused = value;
    else reading.purposes[box] = value;
  });
  // The signature, and a guardian's for a minor, on the form's first row of lines.
  const roles = signatureLineRoles(contact);
  if (page.signatureLines.length === roles.length) {
    const signs = roles.flatMap((role, index) => (role === 'signature' || role === 'guardian' ? [page.signatureLines[index]!.ink] : []));
    const ticks = signs.map((ink) => tick(ink, SIGNED_AT, UNSIGNED_BELOW));
    reading.signed = ticks.every((value) => value === true)
      ? true
      : ticks.some((value) => value === false) && ticks.every((value) => value !== null)
        ? false
        : null;
  } else {
    reading.notes.push(say('signatureLinesMismatch'));
  }
  // The guardian's signature on a company's form for a minor stands on a second row the reader does not
  // look at: the office looks.
  if (guardianSignsBelow(contact)) {
    reading.signed = null;
    reading.notes.push(say('guardianBelow'));
  }
  if (reading.signed === null) unclear.push(translate(language, 'returnForms.boxes.signature'));
  if (unclear.length) reading.notes.push(say('unclear', { boxes: unclear.join(', ') }));
  return reading;
}

const boxName = (language: ReturnType<typeof messageLanguage>, box: Box) =>
  box === 'transfer' || box === 'refusal'
    ? translate(language, `returnForms.boxes.${box}`)
    : translate(language, `tracking.purposes.${box}`);

/** How sure a reading is, 0 … 1: every unclear box halves it; no code or no marks leave little. */
function confidenceOf(codeState: PageProposal['codeState'], page: PageReading, reading: Reading): number {
  if (page.blank) return 1;
  let confidence = codeState === 'valid' ? 1 : 0.2;
  if (!page.aligned) confidence *= 0.2;
  const values = [...Object.values(reading.purposes), reading.transfer, reading.refused, reading.signed];
  for (const value of values) if (value === null) confidence *= 0.5;
  // How far the clearest-to-call box is from the thresholds: a box just over one is less sure.
  for (const box of page.boxes) {
    const margin = Math.min(Math.abs(box.darkness - TICKED_AT), Math.abs(box.darkness - EMPTY_BELOW));
    if (margin < 0.01) confidence *= 0.8;
  }
  return Math.round(confidence * 100) / 100;
}

/** The proposal for every page of a stack, in order. */
export function proposeForPages(ctx: ServiceContext, pages: PageReading[]): PageProposal[] {
  const language = messageLanguage(ctx);
  const say = (key: string, vars: Record<string, string | number> = {}) => translate(language, `returnForms.notes.${key}`, vars);
  const firstPageOfCode = new Map<string, number>();
  // Once per stack, not per page: each text version's purposes (its kept wording is the whole form as
  // JSON), and the contacts the codes name, in one query.
  const purposesByVersion = new Map<string, Purpose[] | null>();
  const purposesOf = (version: string): Purpose[] | null => {
    if (!purposesByVersion.has(version)) purposesByVersion.set(version, purposesOfVersion(ctx, version));
    return purposesByVersion.get(version)!;
  };
  const checkedCodes = pages.map((page): CheckedCode => (page.code ? checkReturnCode(ctx, page.code) : { kind: 'unreadable' }));
  const contacts = ctx.repos.contacts.byIds(checkedCodes.flatMap((checked) => (checked.kind === 'valid' ? [checked.code.contactId] : [])));
  return pages.map((page, index) => {
    const checked = checkedCodes[index]!;
    const codeState: PageProposal['codeState'] = page.code ? checked.kind : 'missing';
    const proposal: PageProposal = {
      page: page.page,
      fileName: page.fileName,
      filePage: page.filePage,
      code: page.code,
      codeState,
      contact: null,
      letterDate: null,
      version: null,
      purposes: {},
      transfer: null,
      refused: null,
      signed: null,
      confidence: 0,
      sure: false,
      blank: page.blank,
      notes: [],
      alreadyRecorded: false,
      sameAsPage: null,
    };
    if (page.blank) return { ...proposal, confidence: 1, notes: [say('blank')] };
    // Matched by hand only where the page says nothing of whose it is: a code of another business (or of
    // a contact no longer here) names someone else, and is never put on one of ours.
    if (checked.kind === 'unreadable' && page.matchedContactId) return proposeMatchedByHand(ctx, page, proposal, purposesOf);
    if (checked.kind !== 'valid') {
      const note =
        codeState === 'missing'
          ? say('codeMissing')
          : checked.kind === 'foreign'
            ? say('codeForeign', { code: page.code ?? '' })
            : say('codeUnreadable');
      return {
        ...proposal,
        confidence: confidenceOf(codeState, page, { purposes: {}, transfer: null, refused: null, signed: null, notes: [] }),
        notes: [note],
      };
    }
    const { code } = checked;
    proposal.letterDate = code.letterDate;
    proposal.version = code.version;
    const contact = contacts.get(code.contactId);
    if (!contact) return { ...proposal, notes: [say('contactGone', { id: code.contactId })] };
    proposal.contact = { id: contact.id, displayName: contact.displayName, stage: contact.stage };
    const reading = readBoxes(ctx, page, contact, code.version, purposesOf(code.version));
    Object.assign(proposal, { purposes: reading.purposes, transfer: reading.transfer, refused: reading.refused, signed: reading.signed });
    const notes = [...reading.notes];
    // One form, however its code came (read or typed): the code in the QR code's own form.
    const formCode = formatReturnCode(code);
    const earlier = firstPageOfCode.get(formCode);
    if (earlier !== undefined) {
      proposal.sameAsPage = earlier;
      notes.push(say('sameAsPage', { page: earlier }));
    } else firstPageOfCode.set(formCode, page.page);
    proposal.alreadyRecorded = ctx.repos.returnForms.recordedBefore(formCode, null) !== null;
    if (proposal.alreadyRecorded) notes.push(say('alreadyRecorded'));
    // A form of an earlier letter (a newer one has gone out since): the newer letter's answer counts.
    if (contact.letterSentAt && code.letterDate < contact.letterSentAt.slice(0, 10)) {
      notes.push(say('olderLetter', { date: formatDate(code.letterDate, language), latest: formatDate(contact.letterSentAt, language) }));
    }
    const ticked = Object.values(reading.purposes).some((value) => value === true);
    const decision = decisionOf(reading);
    if (reading.refused === true && ticked) notes.push(say('contradictory'));
    else if (decision === null && Object.values(reading.purposes).every((value) => value === false) && reading.refused === false)
      notes.push(say('nothingTicked'));
    if (decision === 'consent' && reading.signed === false) notes.push(say('unsigned'));
    const target = decision === 'refusal' ? 'consent_refused' : 'consent_given';
    if (decision && !canTransition(contact.stage, target) && !(decision === 'consent' && contact.stage === 'consent_given')) {
      notes.push(say('stageNotAllowed', { name: contact.displayName, stage: translate(language, `tracking.stages.${contact.stage}`) }));
    }
    if (decision === 'refusal' && contact.stage === 'consent_refused') notes.push(say('refusedAlready'));
    proposal.notes = notes;
    proposal.confidence = confidenceOf(codeState, page, reading);
    // Sure: every box and the signature clear, one decision, nothing against recording it.
    proposal.sure = notes.length === 0 && decision !== null && (decision === 'refusal' || reading.signed === true);
    return proposal;
  });
}

/**
 * A page without a readable code that the office matched to a contact by hand: its boxes read for that
 * contact's last letter's text version (else today's), never sure, since nothing on the page says whose it is.
 */
function proposeMatchedByHand(
  ctx: ServiceContext,
  page: PageReading,
  proposal: PageProposal,
  purposesOf: (version: string) => Purpose[] | null,
): PageProposal {
  const contact = requireContact(ctx, page.matchedContactId!);
  const version = contact.letterVersion ?? consentTextVersion(getProfile(ctx));
  const reading = readBoxes(ctx, page, contact, version, purposesOf(version));
  return {
    ...proposal,
    contact: { id: contact.id, displayName: contact.displayName, stage: contact.stage },
    version,
    purposes: reading.purposes,
    transfer: reading.transfer,
    refused: reading.refused,
    signed: reading.signed,
    notes: reading.notes,
    confidence: confidenceOf(proposal.codeState, page, reading),
    sure: false,
  };
}

/** Consent (a purpose ticked, "Nein" not), refusal ("Nein" ticked, no purpose), or nothing clear. */
function decisionOf(reading: Reading): 'consent' | 'refusal' | null {
  const values = Object.values(reading.purposes);
  if (values.some((value) => value === null) || reading.refused === null || reading.transfer === null) return null;
  const ticked = values.some(Boolean);
  if (ticked && reading.refused === false) return 'consent';
  if (!ticked && reading.refused === true) return 'refusal';
  return null;
}

/** A code typed by hand for a page whose QR code could not be read. */
export function checkTypedCode(ctx: ServiceContext, text: string): RequestOutput<'scans.checkCode'> {
  const checked = checkReturnCode(ctx, text);
  if (checked.kind !== 'valid') return { codeState: checked.kind, contact: null, version: null };
  const contact = ctx.repos.contacts.byIds([checked.code.contactId]).get(checked.code.contactId);
  return {
    codeState: 'valid',
    contact: contact ? { id: contact.id, displayName: contact.displayName, stage: contact.stage } : null,
    version: checked.code.version,
  };
}

/**
 * The page alone as a one-page A4 PDF holding the scanned image (JPEG as it came, PNG re-embedded): what
 * an authority opens. Its dates are the scan's day, so the same page read twice gives the same bytes.
 */
async function pagePdf(image: Buffer, scanDate: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const day = new Date(`${scanDate}T12:00:00Z`);
  pdf.setCreationDate(day);
  pdf.setModificationDate(day);
  pdf.setProducer('Umzugshelfer');
  pdf.setCreator('Umzugshelfer');
  const isJpeg = image[0] === 0xff && image[1] === 0xd8;
  const isPng = image.subarray(1, 4).toString('latin1') === 'PNG';
  if (!isJpeg && !isPng) throw new AppError('invalid_input', 'returnForms.errors.imageType');
  // A copy from offset 0: pdf-lib reads the bytes through the array's whole buffer (Buffers share a pool).
  const bytes = new Uint8Array(image);
  const embedded = await (isJpeg ? pdf.embedJpg(bytes) : pdf.embedPng(bytes)).catch(() => {
    throw new AppError('invalid_input', 'returnForms.errors.imageType');
  });
  // A4 upright, or across for a page scanned across: the image fills it, its proportions kept.
  const across = embedded.width > embedded.height;
  const [width, height] = across ? [841.89, 595.28] : [595.28, 841.89];
  const scale = Math.min(width / embedded.width, height / embedded.height);
  const page = pdf.addPage([width, height]);
  page.drawImage(embedded, { x: 0, y: height - embedded.height * scale, width: embedded.width * scale, height: embedded.height * scale });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/**
 * Records one returned form as the office accepted it. A consent goes through the consent form's own
 * service (recordConsent: the same checks and history as the manual form), with the page as its scan,
 * the scan's day and the letter's text version (from the code; matched by hand, the contact's last
 * letter's). A refusal moves the contact to "consent refused"; its page is not kept: proof is needed for
 * a consent, and a signed "no" kept on file would be data without a purpose.
 */
export async function recordReturnedForm(ctx: ServiceContext, input: ValidInput<'scans.record'>): Promise<RequestOutput<'scans.record'>> {
  if (input.scanDate > localToday()) throw new AppError('invalid_input', 'returnForms.errors.scanInFuture');
  // The code read from the page (or typed): a return code of another business, or of another contact,
  // refuses the page; a text that is no return code at all (a messenger's QR code) says nothing.
  const checked = input.code ? checkReturnCode(ctx, input.code) : null;
  if (checked?.kind === 'foreign') throw new AppError('invalid_input', 'returnForms.errors.codeInvalid', { code: input.code ?? '' });
  const code = checked?.kind === 'valid' ? checked.code : null;
  if (code && code.contactId !== input.contactId) throw new AppError('invalid_input', 'returnForms.errors.codeNotForContact');
  const contact = requireContact(ctx, input.contactId);
  const language = messageLanguage(ctx);
  if (code && input.scanDate < code.letterDate) {
    throw new AppError('invalid_input', 'returnForms.errors.scanBeforeLetter', {
      scan: formatDate(input.scanDate, language),
      letter: formatDate(code.letterDate, language),
    });
  }
  const keptCode = code ? formatReturnCode(code) : null;
  const recordedBefore = (sha256: string | null) => {
    const before = ctx.repos.returnForms.recordedBefore(keptCode, sha256);
    if (before) throw new AppError('conflict', 'returnForms.errors.alreadyRecorded', { date: formatDate(before.at, language) });
  };
  if (input.decision === 'refusal') {
    if (input.purposes.length) throw new AppError('invalid_input', 'returnForms.errors.refusalWithPurposes');
    if (!canTransition(contact.stage, 'consent_refused')) {
      throw new AppError('conflict', 'tracking.errors.transitionRefused', {
        name: contact.displayName,
        from: translate(language, `tracking.stages.${contact.stage}`),
        to: translate(language, 'tracking.stages.consent_refused'),
      });
    }
    ctx.repos.transaction(() => {
      recordedBefore(null);
      changeContact(ctx, contact, { stage: 'consent_refused', stageChangedAt: now() }, 'stage', null, {
        after: { returnCode: keptCode, scanDate: input.scanDate },
      });
    });
    return { contact: requireContact(ctx, contact.id), evidenceId: null };
  }
  if (!input.purposes.length) throw new AppError('invalid_input', 'tracking.errors.purposeRequired');
  // Only what the signed form asked: the purposes of the letter's text version (matched by hand: the
  // contact's last letter's). A version whose wording is not kept cannot say what was on the page.
  const version = code?.version ?? contact.letterVersion ?? consentTextVersion(getProfile(ctx));
  const onForm = purposesOfVersion(ctx, version);
  if (!onForm) throw new AppError('conflict', 'returnForms.errors.versionUnknown', { version });
  const notOnForm = input.purposes.filter((purpose) => !onForm.includes(purpose));
  if (notOnForm.length) {
    throw new AppError('invalid_input', 'returnForms.errors.purposeNotOnForm', {
      purposes: notOnForm.map((purpose) => translate(language, `tracking.purposes.${purpose}`)).join(', '),
    });
  }
  const pdf = await pagePdf(Buffer.from(input.page.image, 'base64'), input.scanDate);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const base = path.parse(path.basename(input.page.fileName)).name;
  const fileName = translate(language, 'returnForms.evidenceName', { file: base, page: input.page.filePage });
  return ctx.repos.transaction(() => {
    // Checked inside the write: the desktop app and a script on the same database cannot both record it.
    recordedBefore(sha256);
    const stored = storeEvidence(ctx, fileName, pdf);
    if (keptCode) ctx.repos.returnForms.markPage(stored.id, keptCode);
    const recorded = recordConsent(ctx, contact.id, {
      purposes: input.purposes,
      givenAt: input.scanDate,
      textVersion: version,
      method: 'signed_letter',
      evidence: { kind: 'stored', evidenceId: stored.id, fileName: stored.fileName },
      returnForm: { returnCode: keptCode, transferConsent: input.transfer },
    });
    return { contact: recorded, evidenceId: stored.id };
  });
}
