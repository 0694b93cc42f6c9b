import { translate } from '../../../shared/i18n';
import type { PageProposal, PageReading } from '../../../shared/model/return-forms';
import type { Purpose } from '../../../shared/model/tracking';
import { readScanFiles, type ScanPage } from '../../importers/scan-pages';
import { type CliCommand, refused, send, UsageError } from '../command';

/** What the office would record for a sure page: the consent's purposes, or the refusal. */
function decisionOf(proposal: PageProposal): { decision: 'consent' | 'refusal'; purposes: Purpose[] } {
  if (proposal.refused) return { decision: 'refusal', purposes: [] };
  const purposes = (Object.entries(proposal.purposes) as [Purpose, boolean | null][])
    .filter(([, ticked]) => ticked)
    .map(([purpose]) => purpose);
  return { decision: 'consent', purposes };
}

/**
 * Reading returned forms for scripts: `scan-import <file.pdf|image>... [--apply] [--json]` reads scanned
 * returned consent forms and prints per page what it proposes; with --apply, the sure pages are
 * recorded (as the review screen's accept would) and the others listed for the office.
 */
export const scanImportCommand: CliCommand = {
  name: 'scan-import',
  options: { apply: { type: 'boolean' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    if (positionals.length === 0) throw new UsageError('returnForms.cli.whichFiles');
    const pages: ScanPage[] = [];
    try {
      await readScanFiles(positionals, (page) => pages.push(page));
    } catch (error) {
      return refused(error, io, language);
    }
    if (pages.length === 0) {
      io.err(translate(language, 'returnForms.cli.noPages'));
      return 2;
    }
    const readings: PageReading[] = pages.map((page, index) => ({
      page: index + 1,
      fileName: page.fileName,
      filePage: page.filePage,
      ...page.measurement,
    }));
    const proposals = await send(session, 'scans.propose', { pages: readings });
    const results = [];
    for (const [index, proposal] of proposals.entries()) {
      let recorded = false;
      let error: string | null = null;
      if (values.apply && proposal.sure && proposal.contact) {
        const page = pages[index]!;
        try {
          await send(session, 'scans.record', {
            contactId: proposal.contact.id,
            code: proposal.code,
            ...decisionOf(proposal),
            transfer: proposal.transfer,
            scanDate: page.scanDate,
            page: { fileName: page.fileName, filePage: page.filePage, image: page.jpeg.toString('base64') },
          });
          recorded = true;
        } catch (refusal) {
          error = refusal instanceof Error ? refusal.message : String(refusal);
        }
      }
      results.push({
        page: proposal.page,
        file: proposal.fileName,
        filePage: proposal.filePage,
        contactId: proposal.contact?.id ?? null,
        code: proposal.code,
        codeState: proposal.codeState,
        purposes: proposal.purposes,
        transfer: proposal.transfer,
        refused: proposal.refused,
        signed: proposal.signed,
        blank: proposal.blank,
        confidence: proposal.confidence,
        sure: proposal.sure,
        notes: proposal.notes,
        ...(values.apply ? { recorded, error } : {}),
      });
    }
    if (values.json) {
      io.out(JSON.stringify(results));
      return 0;
    }
    for (const [index, result] of results.entries()) {
      const proposal = proposals[index]!;
      const who = proposal.contact ? `${proposal.contact.displayName} (${proposal.contact.id})` : '–';
      const state = result.recorded ? 'recorded' : result.sure ? 'sure' : 'check';
      io.out(
        translate(language, `returnForms.cli.${state}`, { page: result.page, file: result.file, filePage: result.filePage, who }) +
          [...result.notes, ...(result.error ? [result.error] : [])].map((note) => `\n    ${note}`).join(''),
      );
    }
    const recorded = results.filter((result) => result.recorded).length;
    const sure = results.filter((result) => result.sure).length;
    io.out(
      translate(language, values.apply ? 'returnForms.cli.summaryApplied' : 'returnForms.cli.summary', {
        pages: results.length,
        sure,
        recorded,
      }),
    );
    return 0;
  },
};
