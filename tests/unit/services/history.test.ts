import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { accessReportFile } from '../../../electron/services/access-report';
import { bufferSource } from '../../../electron/importers/source';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { historyView, updateContact } from '../../../electron/services/contact-detail';
import { keepApart, mergeContacts, undoKeepApart } from '../../../electron/services/duplicates';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { bulkChange, requireContact, setStage, setTarget, undoOperation } from '../../../electron/services/tracking';
import { eraseContact, purgeBin } from '../../../electron/services/erasure';
import { contactEditOf } from '../../../shared/model/contact-edit';
import type { Language } from '../../../shared/model/settings';
import { historyKinds, type HistoryEntryView } from '../../../shared/model/tracking';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

async function importText(session: Session, name: string, content: string) {
  const analysis = await analyseFile(session.ctx, bufferSource(name, Buffer.from(content, 'utf8')));
  return commitAnalyses(session.ctx, [analysis])[0]!;
}

/**
 * One contact with a history of every kind, made through the services as the app makes it: an import
 * creates Bernd, a WhatsApp chat export completes him, he is invited twice, gets a target and an id,
 * his details are edited (once with a change that reads as nothing), a tag is added and undone, a
 * letter asks for consent, consent is given and withdrawn, a duplicate is merged into him, he is
 * deleted and restored.
 */
async function everyKind() {
  const session = testSession();
  const { ctx } = session;
  await importText(session, 'kontakte.csv', 'Vorname;Nachname;Handy\nBernd;Schulze;0170 1234567\n');
  const id = ctx.repos.contacts.all()[0]!.id;
  await importText(
    session,
    'WhatsApp Chat mit Bernd Schulze.txt',
    '12.03.24, 14:05 - Bernd Schulze: Guten Tag, wann kommen Sie?\n21.03.24, 18:40 - Bernd Schulze: Danke, alles dicht!\n',
  );

  setStage(ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' });
  setStage(ctx, id, { stage: 'invited', channel: 'sms', date: '2026-11-09' });
  setTarget(ctx, id, 'threema');
  setTarget(ctx, id, 'threema', 'BERND42');

  updateContact(ctx, id, {
    ...contactEditOf(requireContact(ctx, id)),
    organization: 'Holzbau Schulze',
    birthday: '1980-03-22',
    gender: 'male',
  });
  // An empty company instead of none: stored as a change, but it reads "– → –" and says nothing.
  updateContact(ctx, id, { ...contactEditOf(requireContact(ctx, id)), customerNumber: '' });

  const tagged = bulkChange(ctx, { ids: [id] }, { kind: 'addTag', tag: 'Baustelle Nord' });
  undoOperation(ctx, tagged.operationId);

  setStage(ctx, id, { stage: 'consent_requested', letterVersion: 'EW-2026-1', date: '2026-11-10' });
  recordConsent(ctx, id, {
    purposes: ['appointments', 'site_photos'],
    givenAt: '2026-11-20',
    textVersion: 'EW-2026-1',
    method: 'signed_letter',
    evidence: { kind: 'note', note: 'Brief liegt im Ordner' },
  });
  withdrawConsent(ctx, id, { purposes: ['site_photos'], date: '2026-12-04' });

  const otherId = ctx.repos.contacts.insert({
    displayName: 'B. Schulze',
    emails: [{ address: 'bernd@schulze.de', label: null }],
    phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
  });
  ctx.repos.contacts.updateFields(otherId, { onWhatsapp: true, whatsappLastMessageAt: '2024-05-15T16:20:00' });
  ctx.repos.imports.addDuplicate(otherId, id, 'sameNumberOtherName', null);
  const other = requireContact(ctx, otherId);
  mergeContacts(ctx, id, otherId);

  // A namesake the office says is someone else, then takes that back.
  const namesakeId = ctx.repos.contacts.insert({
    displayName: 'Bernd Schulze',
    givenName: 'Bernd',
    familyName: 'Schulze',
    phones: [{ e164: '+491719999999', raw: '0171 9999999', label: null, kind: 'mobile' }],
  });
  keepApart(ctx, id, namesakeId);
  undoKeepApart(ctx, id, namesakeId);

  // An access report handed over (the JSON: no browser needed).
  await accessReportFile(ctx, id, 'json');
  const deleted = bulkChange(ctx, { ids: [id] }, { kind: 'delete' });
  undoOperation(ctx, deleted.operationId);
  // "Neuer Kontakt" (contacts.create) writes it for a contact made by hand.
  ctx.repos.tracking.addHistory({ contactId: id, kind: 'created', before: null, after: null });
  // Written only by migration 0007, for a "consent given" that older versions stored without a consent.
  ctx.repos.tracking.addHistory({
    contactId: id,
    kind: 'consentWithoutProof',
    before: { stage: 'consent_given' },
    after: { stage: 'consent_requested' },
  });

  // A contact erased on request: nothing is left of it but "Kontakt gelöscht am …".
  const erased = eraseContact(ctx, ctx.repos.contacts.insert({ displayName: 'Gelöscht Auf Wunsch' })).id;
  // One erased with the scan of its withdrawn consent kept as proof, erased in turn when its period ended.
  const proven = ctx.repos.contacts.insert({
    displayName: 'Mit Nachweis',
    phones: [{ e164: '+491705550000', raw: '0170 5550000', label: null, kind: 'mobile' }],
  });
  setStage(ctx, proven, { stage: 'invited', channel: 'sms', date: '2026-11-02' });
  recordConsent(ctx, proven, {
    purposes: ['appointments'],
    givenAt: '2026-11-03',
    textVersion: 'EW-2026-1',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: 'Formular.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') },
  });
  withdrawConsent(ctx, proven, { date: '2026-11-20' });
  eraseContact(ctx, proven, new Date(), { keepWithdrawnEvidence: true });
  // Its period over (set back, so that the bin's other contacts are not due yet): the start-up purge erases it.
  const raw = new BetterSqlite3(ctx.databasePath);
  raw.prepare("UPDATE retained_evidence SET keep_until = '2025-12-31'").run();
  raw.close();
  purgeBin(ctx);

  return { session, ctx, id, contact: requireContact(ctx, id), other, erased, proven, file: ctx.databasePath };
}

const rawKey = /\b(?:tracking|import|contacts|detail)\.\w|\{\{|undefined|\[object /;
const isoDate = /\d{4}-\d{2}-\d{2}/;

/** Everything a person reads of an entry. */
const wordsOf = (entry: HistoryEntryView) => [
  entry.text,
  ...entry.changes.flatMap((change) => [change.field, change.before ?? '', change.after ?? '']),
];

function expectReadable(entries: HistoryEntryView[]) {
  for (const entry of entries) {
    expect(historyKinds, `kind of ${JSON.stringify(entry)}`).toContain(entry.kind);
    for (const words of wordsOf(entry)) {
      expect(words, `raw key in ${JSON.stringify(entry)}`).not.toMatch(rawKey);
      expect(words, `ISO date in ${JSON.stringify(entry)}`).not.toMatch(isoDate);
    }
    for (const change of entry.changes) {
      expect(change.before, `empty change in ${JSON.stringify(entry)}`).not.toBe(change.after);
    }
  }
}

const changesOf = (entry: HistoryEntryView | undefined) =>
  Object.fromEntries((entry?.changes ?? []).map((change) => [change.field, `${change.before ?? '–'} → ${change.after ?? '–'}`]));

describe('the history (Verlauf) in words an authority can read', () => {
  it.each<Language>(['de', 'en'])('every kind of entry reads without catalogue keys, ISO dates or empty changes (%s)', async (language) => {
    const { ctx, contact, other, erased, proven } = await everyKind();
    const entries = [
      ...historyView(ctx, contact, language),
      ...historyView(ctx, other, language),
      ...historyView(ctx, { id: erased }, language),
      ...historyView(ctx, { id: proven }, language),
    ];
    // Every kind the list names was written (the list is complete for what the services do) …
    expect([...new Set(entries.map((entry) => entry.kind))].sort()).toEqual([...historyKinds].sort());
    // … and every entry reads as words.
    expectReadable(entries);
  });

  it('German: labels, days as 04.12.2026, and nothing that changed nothing', async () => {
    const { ctx, contact, other } = await everyKind();
    const entries = historyView(ctx, contact, 'de');
    const texts = entries.map((entry) => entry.text);
    const byText = (text: string) => entries.find((entry) => entry.text === text);

    expect(texts).toContain('Stand: Neu → Eingeladen (per WhatsApp)');
    // Invited again: the stage stayed, the day and the channel changed.
    expect(changesOf(byText('Stand unverändert'))).toEqual({
      'Eingeladen am': '02.11.2026 → 09.11.2026',
      'Einladung per': 'WhatsApp → SMS',
    });
    expect(texts).toContain('Ziel: – → Threema');
    expect(texts).toContain('Stand: Eingeladen → Einwilligung angefragt (Brief EW-2026-1)');
    expect(changesOf(byText('Stand: Eingeladen → Einwilligung angefragt (Brief EW-2026-1)'))).toEqual({
      'Brief verschickt am': '– → 10.11.2026',
    });
    // Only the messenger id changed: said as a change of details, not "Ziel: Threema → Threema".
    expect(entries.filter((entry) => entry.kind === 'target').map((entry) => [entry.text, changesOf(entry)])).toEqual([
      ['Angaben geändert', { 'Messenger-ID': '– → BERND42' }],
      ['Ziel: – → Threema', {}],
    ]);
    expect(changesOf(entries.find((entry) => entry.kind === 'fields'))).toEqual({
      Anrede: '– → Herr',
      Firma: '– → Holzbau Schulze',
      Geburtstag: '– → 22.03.1980',
    });
    // The edit that only made an empty customer number out of none is not shown at all.
    expect(entries.filter((entry) => entry.kind === 'fields')).toHaveLength(1);
    expect(changesOf(byText('Schlagworte geändert'))).toEqual({ Schlagworte: '– → Baustelle Nord' });
    expect(changesOf(byText('Sammelaktion rückgängig gemacht'))).toEqual({ Schlagworte: 'Baustelle Nord → –' });
    expect(changesOf(byText('Einwilligung erfasst'))).toEqual({
      Stand: 'Einwilligung angefragt → Einwilligung erteilt',
      Zwecke: '– → Terminabsprachen, Fotos von Baustelle oder Schaden',
      'Erteilt am': '– → 20.11.2026',
      Textversion: '– → EW-2026-1',
      'Art der Einwilligung': '– → Unterschriebener Brief',
      'Begründung ohne Scan': '– → Brief liegt im Ordner',
    });
    expect(changesOf(byText('Einwilligung widerrufen'))).toEqual({
      Zwecke: '– → Fotos von Baustelle oder Schaden',
      'Widerrufen am': '– → 04.12.2026',
    });
    expect(changesOf(byText('Zusammengeführt mit „B. Schulze“'))).toEqual({
      'E-Mail-Adressen': '– → bernd@schulze.de',
      'Letzte WhatsApp-Nachricht': '21.03.2024 → 15.05.2024',
    });
    expect(byText('Gelöscht')?.changes).toEqual([]);
    expect(byText('Wiederhergestellt')?.changes).toEqual([]);
    expect(texts).toContain('Von Hand angelegt');
    expect(texts).toContain('Angelegt durch Import „kontakte.csv“');
    expect(changesOf(byText('Ergänzt durch Import „WhatsApp Chat mit Bernd Schulze.txt“'))).toEqual({
      'Auf WhatsApp': 'nein → ja',
      'Letzte WhatsApp-Nachricht': '– → 21.03.2024',
    });
    expect(texts).toContain('Als andere Person als „Bernd Schulze“ markiert');
    expect(texts).toContain('Einwilligung ohne Nachweis zurückgenommen – Stand wieder „Einwilligung angefragt“');
    expect(texts).toContain('Markierung „andere Person als Bernd Schulze“ zurückgenommen');
    expect(historyView(ctx, other, 'de').map((entry) => entry.text)).toEqual(['Mit „Bernd Schulze“ zusammengeführt und gelöscht']);
  });

  it('English: the same entries with English labels and days as 04/12/2026', async () => {
    const { ctx, contact } = await everyKind();
    const entries = historyView(ctx, contact, 'en');
    const byText = (text: string) => entries.find((entry) => entry.text === text);
    expect(changesOf(byText('Stage unchanged'))).toEqual({ 'Invited on': '02/11/2026 → 09/11/2026', 'Invited by': 'WhatsApp → SMS' });
    expect(changesOf(byText('Consent withdrawn'))).toEqual({
      Purposes: '– → Photos of the site or damage',
      'Withdrawn on': '– → 04/12/2026',
    });
    expect(changesOf(byText('Consent recorded'))).toMatchObject({ 'Given on': '– → 20/11/2026' });
    expect(changesOf(byText('Merged with “B. Schulze”'))).toMatchObject({ 'Last WhatsApp message': '21/03/2024 → 15/05/2024' });
  });

  it('`cli history` prints each entry with the local day and time, then the changes in words', async () => {
    const { id, file } = await everyKind();
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCli(['history', String(id), '--db', file], { out: (text) => out.push(text), err: (text) => err.push(text) })).toBe(0);
    expect(err).toEqual([]);
    for (const line of out) {
      expect(line).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} {2}\S/);
      expect(line).not.toMatch(rawKey);
      expect(line).not.toMatch(isoDate);
      expect(line).not.toContain('– → –');
    }
    expect(out.join('\n')).toContain('Stand unverändert – Eingeladen am: 02.11.2026 → 09.11.2026; Einladung per: WhatsApp → SMS');
  });
});
