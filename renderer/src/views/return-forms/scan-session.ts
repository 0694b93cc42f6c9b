import { useSyncExternalStore } from 'react';
import type { PageProposal } from '../../../../shared/model/return-forms';
import { request } from '../../queries/client';
import { draftFrom, type PageDraft, type PageOutcome } from './page-status';
import type { ScanProblem } from './scan-files';
import { type ReadProgress, type ReadResult, readScanFiles, type ScannedPage } from './scan-reader';

/** One page in the review: what was read, what the services propose, what the office decided. */
export interface ReviewPage {
  scanned: ScannedPage;
  proposal: PageProposal;
  draft: PageDraft;
  outcome: PageOutcome | null;
  /** The last refusal of recording it (the services' message). */
  error: string | null;
  /** A contact chosen by hand is being checked and the page read again for them: nothing is recorded meanwhile. */
  matchLoading: boolean;
}

export type SessionState =
  /** Nothing read (yet); `problems`: why the files of the last attempt gave no page. */
  | { phase: 'idle'; problems: ScanProblem[] }
  | { phase: 'reading'; progress: ReadProgress | null }
  | { phase: 'proposing'; pageCount: number }
  | { phase: 'proposeFailed'; message: string; result: ReadResult }
  | {
      phase: 'review';
      pages: ReviewPage[];
      problems: ScanProblem[];
      pageCount: number;
      seconds: number;
      selected: number;
    };

/**
 * The stack being read and reviewed, kept outside the page: the office may look at a contact or
 * another page in between and come back to where it was (hundreds of pages are not read twice). Only
 * this window holds it; reading another stack or closing the app lets it go.
 */
class ScanSession {
  #state: SessionState = { phase: 'idle', problems: [] };
  #listeners = new Set<() => void>();
  #abort: AbortController | null = null;

  readonly subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  readonly getSnapshot = () => this.#state;

  #set(state: SessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  /** A stack is being read, or pages of it are neither taken over nor skipped: closing the window would lose them. */
  hasOpenWork(): boolean {
    const state = this.#state;
    if (state.phase === 'review') return state.pages.some((page) => page.outcome === null);
    return state.phase !== 'idle';
  }

  /** Reads the files and asks the services what each page says. */
  read(files: File[]): void {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ phase: 'reading', progress: null });
    readScanFiles(files, (progress) => !abort.signal.aborted && this.#set({ phase: 'reading', progress }), abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.pages.length === 0) {
          this.#abort = null;
          this.#set({ phase: 'idle', problems: result.problems });
        } else void this.#propose(result, abort);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.#abort = null;
        // Not a file's fault (those are problems with its name): the reader itself failed.
        this.#set({ phase: 'proposeFailed', message: String(error instanceof Error ? error.message : error), result: emptyResult });
      },
    );
  }

  /** Stops a reading (or the proposals asked for it); what was read so far is let go. */
  cancel(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#set({ phase: 'idle', problems: [] });
  }

  /** Lets the stack go (a new one is read next). */
  reset(): void {
    this.cancel();
  }

  retryPropose(): void {
    const state = this.#state;
    if (state.phase === 'proposeFailed' && state.result.pages.length > 0) {
      this.#abort?.abort();
      const abort = new AbortController();
      this.#abort = abort;
      void this.#propose(state.result, abort);
    } else this.reset();
  }

  /**
   * Asks the services what each page says. `abort` is the reading's: a stack dropped (or a reading
   * cancelled) while the answer is on its way lets this one go, so a late answer cannot replace it.
   */
  async #propose(result: ReadResult, abort: AbortController): Promise<void> {
    this.#set({ phase: 'proposing', pageCount: result.pages.length });
    try {
      const proposals = await request('scans.propose', { pages: result.pages.map((page) => page.reading) });
      if (abort.signal.aborted) return;
      const byPage = new Map(proposals.map((proposal) => [proposal.page, proposal]));
      const pages = result.pages.flatMap((scanned): ReviewPage[] => {
        const proposal = byPage.get(scanned.reading.page);
        return proposal ? [{ scanned, proposal, draft: draftFrom(proposal), outcome: null, error: null, matchLoading: false }] : [];
      });
      this.#set({ phase: 'review', pages, problems: result.problems, pageCount: result.pageCount, seconds: result.seconds, selected: 0 });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#set({ phase: 'proposeFailed', message: error instanceof Error ? error.message : String(error), result });
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  select(index: number): void {
    const state = this.#state;
    if (state.phase === 'review' && index >= 0 && index < state.pages.length) this.#set({ ...state, selected: index });
  }

  /** Changes one page of the review (by its index); later changes see earlier ones. */
  update(index: number, change: (page: ReviewPage) => ReviewPage): void {
    const state = this.#state;
    if (state.phase !== 'review' || !state.pages[index]) return;
    const pages = state.pages.slice();
    pages[index] = change(pages[index]!);
    this.#set({ ...state, pages });
  }
}

const emptyResult: ReadResult = { pages: [], problems: [], pageCount: 0, seconds: 0 };

export const scanSession = new ScanSession();

// Leaving the page keeps the stack (it lives here); closing or reloading the window would not, so the
// browser asks first (in the desktop app the main process asks, as for unsaved forms).
window.addEventListener('beforeunload', (event) => {
  if (scanSession.hasOpenWork()) event.preventDefault();
});

export const useScanSession = (): SessionState => useSyncExternalStore(scanSession.subscribe, scanSession.getSnapshot);
