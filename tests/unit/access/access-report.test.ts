import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../electron/importers/source';
import { accessReportData, accessReportFile } from '../../../electron/services/access-report';
import { historyView, updateContact } from '../../../electron/services/contact-detail';
import { mergeContacts } from '../../../electron/services/duplicates';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { updateProfile } from '../../../electron/services/profile';
import { updateSettings } from '../../../electron/services/settings';
import { requireContact, setStage } from '../../../electron/services/tracking';
import { renderAccessReport } from '../../../shared/access-report/render';
import { accessReportSchema } from '../../../shared/access-report/schema';
import { formatDate, localDate } from '../../../shared/local-date';
import { contactEditOf } from '../../../shared/model/contact-edit';
import { pdftotext } from '../../helpers/pdf';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

type Session = ReturnType<typeof testSession>;

const vcard = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');

async function importFile(session: Session, name: string, text: string) {
  commitAnalyses(session.ctx, [await analyseFile(session.ctx, bufferSource(name, Buffer.from(text, 'utf8')))]);
}

const scan = Buffer.from('%PDF-1.4\n% Einwilligung unterschrieben\n%%EOF\n');

/**
 * Wiebke Quastenhuber, built the way the office builds contacts: imported, completed by a second
 * import, edited, invited, consented with a scan, one purpose withdrawn. Beside her Ottokar
 * Zwiebelmann, whose details must not appear in her report.
 */
async function twoPeople(session: Session) {
  const { ctx } = session;
  updateProfile(ctx, completeProfile);
  await importFile(
    session,
    'Handy-Adressbuch.vcf',
    vcard([
      'N:Quastenhuber;Wiebke;;;',
      'FN:Wiebke Quastenhuber',
      'TEL;TYPE=CELL:0170 5551234',
      'TEL;TYPE=WORK:0561 778899',
      'EMAIL:wiebke@quasten.example',
      'ADR;TYPE=HOME:;;Kranichweg 12;Kassel;;34119;Deutschland',
    ]) +
      vcard([
        'N:Zwiebelmann;Ottokar;;;',
        'FN:Ottokar Zwiebelmann',
        'TEL;TYPE=CELL:0151 99900011',
        'EMAIL:ottokar@zwiebel.example',
        'ADR;TYPE=HOME:;;Lindenallee 5;Fulda;;36037;Deutschland',
      ]),
  );
  await importFile(
    session,
    'Kundenliste.vcf',
    vcard([
      'N:Quastenhuber;Wiebke;;;',
      'FN:Wiebke Quastenhuber',
      'ORG:Quasten Immobilien',
      'TEL;TYPE=CELL:0170 5551234',
      'EMAIL:buero@quasten.example',
    ]),
  );
  const all = ctx.repos.contacts.all();
  const wiebke = all.find((contact) => contact.familyName === 'Quastenhuber')!.id;
  const ottokar = all.find((contact) => contact.familyName === 'Zwiebelmann')!.id;
  updateContact(ctx, wiebke, { ...contactEditOf(requireContact(ctx, wiebke)), note: 'Dachfenster undicht', customerNumber: 'K-4711' });
  updateContact(ctx, ottokar, { ...contactEditOf(requireContact(ctx, ottokar)), note: 'Zwiebelturm-Notiz' });
  setStage(ctx, wiebke, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' });
  setStage(ctx, ottokar, { stage: 'invited', channel: 'sms', date: '2026-11-03' });
  recordConsent(ctx, wiebke, {
    purposes: ['appointments', 'site_photos'],
    givenAt: '2026-11-05',
    textVersion: 'EW-2026-7',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: 'Einwilligung Quastenhuber.pdf', data: scan },
  });
  recordConsent(ctx, ottokar, {
    purposes: ['appointments'],
    givenAt: '2026-11-06',
    textVersion: 'EW-2026-8',
    method: 'phone',
    evidence: { kind: 'note', note: 'Zwiebelmann mündlich' },
  });
  withdrawConsent(ctx, wiebke, { purposes: ['site_photos'], date: '2026-11-20' });
  // An earlier record of hers, merged into her: it lies in the bin with its own number until purged.
  const earlier = ctx.repos.contacts.insert({
    displayName: 'W. Quastenhuber',
    phones: [{ e164: '+491609876000', raw: '0160 9876000', label: null, kind: 'mobile' }],
  });
  mergeContacts(ctx, wiebke, earlier);
  return { wiebke, ottokar, earlier };
}

describe('access report (GDPR Art. 15)', () => {
  it('holds every field, number, e-mail, address, consent, scan, history entry and import of the contact, and nothing of another', async () => {
    const session = testSession();
    const { ctx } = session;
    const { wiebke, earlier } = await twoPeople(session);
    const contact = requireContact(ctx, wiebke);

    const report = accessReportData(ctx, wiebke, new Date('2026-12-04T10:00:00Z'));

    expect(report.contact).toEqual(contact);
    expect(report.contact.phones.map((phone) => phone.e164).sort()).toEqual(['+491609876000', '+491705551234', '+49561778899']);
    expect(report.contact.emails.map((email) => email.address).sort()).toEqual(['buero@quasten.example', 'wiebke@quasten.example']);
    expect(report.contact.addresses).toEqual([expect.objectContaining({ street: 'Kranichweg 12', postalCode: '34119', city: 'Kassel' })]);
    expect(report.contact).toMatchObject({ note: 'Dachfenster undicht', customerNumber: 'K-4711', stage: 'consent_given' });
    expect(
      report.consents.map((consent) => [consent.purpose, consent.textVersion, consent.withdrawnAt, consent.evidence?.fileName]),
    ).toEqual([
      ['appointments', 'EW-2026-7', null, 'Einwilligung Quastenhuber.pdf'],
      ['site_photos', 'EW-2026-7', '2026-11-20', 'Einwilligung Quastenhuber.pdf'],
    ]);
    expect(report.evidence).toEqual([
      {
        id: report.consents[0]!.evidence!.id,
        fileName: 'Einwilligung Quastenhuber.pdf',
        mime: 'application/pdf',
        size: scan.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        uploadedAt: expect.any(String),
      },
    ]);
    // The very timeline the drawer shows, imports included.
    expect(report.history).toEqual(historyView(ctx, contact, 'de'));
    expect(report.history.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['importCreated', 'importUpdated', 'fields', 'stage', 'consent', 'consent_withdrawn']),
    );
    expect(report.imports.map((record) => [record.fileName, record.effect])).toEqual([
      ['Handy-Adressbuch.vcf', 'created'],
      ['Kundenliste.vcf', 'updated'],
    ]);
    expect(report.mergedRecords).toEqual([
      {
        contact: expect.objectContaining({
          id: earlier,
          displayName: 'W. Quastenhuber',
          phones: [expect.objectContaining({ raw: '0160 9876000' })],
        }),
        deletedAt: expect.any(String),
        erasedBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    expect(renderAccessReport(report)).toContain(
      `„W. Quastenhuber“, am ${formatDate(localDate(new Date()), 'de')} mit diesem Kontakt zusammengeführt`,
    );
    expect(report.controller).toMatchObject({ name: 'Dachdeckerei Schulze GmbH', street: 'Mühlenweg 3', city: 'Kassel' });
    // Art. 15(1): purposes, recipients (WhatsApp's operator while a consent stands), storage, rights, source.
    const information = Object.values(report.information).flat().join('\n');
    expect(information).toContain('WhatsApp Ireland Ltd.');
    expect(information).toContain('Der Hessische Beauftragte für Datenschutz und Informationsfreiheit');
    expect(information).toContain('3 Jahre ab dem Ende des Jahres');
    expect(information).toContain('„Handy-Adressbuch.vcf“');
    expect(information).toContain('Art. 16');

    const everything = JSON.stringify(report);
    for (const other of ['Zwiebelmann', 'Ottokar', '99900011', 'zwiebel.example', 'Lindenallee', 'Fulda', 'Zwiebelturm', 'EW-2026-8']) {
      expect(everything).not.toContain(other);
    }
  });

  it('names no recipient for a contact without a WhatsApp consent, and answers in English when the settings say so', async () => {
    const session = testSession();
    const { ctx } = session;
    const [id] = ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }]);
    updateSettings(ctx, { language: 'en' });
    const report = accessReportData(ctx, id!);
    expect(report.language).toBe('en');
    expect(report.information.recipients).toEqual([
      'None. The data is kept only on our office computer; the program transfers nothing to anyone.',
    ]);
    expect(report.information.source).toEqual(['We entered the data in the program ourselves, from our dealings with you.']);
    expect(renderAccessReport(report)).toContain('Your personal data we hold (Art. 15 GDPR)');
  });

  it('the JSON is the report itself and matches its schema, which refuses a key it does not know', async () => {
    const session = testSession();
    const { wiebke } = await twoPeople(session);
    // The report as it stands before it is handed over (handing it over is then recorded in the history).
    const expected = accessReportData(session.ctx, wiebke, new Date('2026-12-04T10:00:00Z'));
    const file = await accessReportFile(session.ctx, wiebke, 'json', new Date('2026-12-04T10:00:00Z'));
    expect(file).toMatchObject({ mime: 'application/json', fileName: 'Auskunft Wiebke Quastenhuber 2026-12-04.json' });
    const json = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8'));
    expect(accessReportSchema.parse(json)).toEqual(expected);
    expect(historyView(session.ctx, { id: wiebke }, 'de')[0]?.text).toBe('Auskunft erteilt (Art. 15 DSGVO, als JSON)');
    expect(accessReportSchema.safeParse({ ...json, extra: 1 }).success).toBe(false);
    expect(accessReportSchema.safeParse({ ...json, contact: { ...json.contact, secret: 'x' } }).success).toBe(false);
  });

  it('escapes every value in the HTML and keeps a file name free of path characters', async () => {
    const session = testSession();
    const { ctx } = session;
    const [id] = ctx.repos.contacts.insertMany([
      {
        displayName: 'Müller & <Söhne> "GmbH"',
        note: '<script>alert(1)</script>',
        phones: [{ e164: null, raw: '<b>0170</b>', label: '"><img src=x>', kind: 'invalid' }],
      },
    ]);
    const html = renderAccessReport(accessReportData(ctx, id!));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<b>0170</b>');
    expect(html).toContain('Müller &amp; &lt;Söhne&gt; &quot;GmbH&quot;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const file = await accessReportFile(ctx, id!, 'json');
    expect(file.fileName).toMatch(/^Auskunft Müller & Söhne GmbH \d{4}-\d{2}-\d{2}\.json$/);
  });

  it('prints as an A4 PDF whose text holds the name, the numbers and the history entries', async () => {
    const session = testSession();
    const { wiebke } = await twoPeople(session);
    const history = historyView(session.ctx, { id: wiebke }, 'de');
    const file = await accessReportFile(session.ctx, wiebke, 'pdf');
    expect(file.fileName).toMatch(/^Auskunft Wiebke Quastenhuber \d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = path.join(tempDir(), 'auskunft.pdf');
    writeFileSync(pdf, Buffer.from(file.data, 'base64'));
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, Buffer.from(file.data, 'base64'));
    const text = pdftotext(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Wiebke Quastenhuber');
    expect(text).toContain('0170 5551234');
    expect(text).toContain('+491705551234');
    expect(text).toContain('Kranichweg 12');
    expect(text).toContain('Einwilligung widerrufen');
    expect(text).toContain('Dachdeckerei Schulze GmbH');
    expect(text).not.toContain('Zwiebelmann');
    for (const entry of history) expect(text).toContain(entry.text.replace(/\s+/g, ' '));
  });
});
