import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Image,
  Modal,
  NavLink,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bytesToBase64 } from '../../base64';
import { DialogActions } from '../../components/DialogActions';
import { useRecordReturnForm } from '../../queries/return-forms';
import { ContactDetailDrawer } from '../contacts/ContactDetailDrawer';
import { useConfidenceWords } from './confidence-words';
import { PageDecision } from './PageDecision';
import {
  countStatuses,
  decide,
  nextOpenPage,
  type PageStatus,
  pageStatus,
  pageStatuses,
  primaryAction,
  statusColors,
  surePages,
} from './page-status';
import { ScanProblems } from './ScanProblems';
import { type ReviewPage, type SessionState, scanSession } from './scan-session';

type ReviewState = Extract<SessionState, { phase: 'review' }>;

/** The review's height below the heading: the list, the scan and the decision scroll each on their own. */
const PANE_HEIGHT = 'calc(100vh - 190px)';

const statusesOf = (pages: readonly ReviewPage[]) => pages.map((page) => pageStatus(page.proposal, page.draft, page.outcome));

const reviewNow = (): ReviewState | null => {
  const state = scanSession.getSnapshot();
  return state.phase === 'review' ? state : null;
};

/**
 * The pages read, one at a time: the list (left) with each page's status, the scan, and what it says
 * beside it. Enter takes the page over (or skips a blank or repeated one) and goes to the next open
 * page; the sure pages can be taken over together after one question.
 */
export function ReturnFormsReview({ state, onNewStack }: { state: ReviewState; onNewStack: () => void }) {
  const { t, i18n } = useTranslation();
  const record = useRecordReturnForm();
  const [contactId, setContactId] = useState<number | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [bulk, setBulk] = useState<{ done: number; total: number } | null>(null);
  const [zoomed, setZoomed] = useState(false);
  // While a page is being recorded: the ref for a second Enter pressed before React re-renders, the state for the buttons.
  const busy = useRef(false);
  const [working, setWorking] = useState(false);

  const statuses = useMemo(() => statusesOf(state.pages), [state.pages]);
  const counts = countStatuses(statuses);
  const sure = surePages(
    statuses,
    state.pages.map((page) => page.draft),
  );
  const index = state.selected;
  const selected = state.pages[index]!;
  const allDone = statuses.every((status) => status === 'done' || status === 'skipped');

  /**
   * Records one page as decided; false when it cannot be (its message is kept with the page). Not while
   * a contact chosen by hand is still being checked: the page would go to the contact it had before.
   */
  const recordPage = async (at: number): Promise<boolean> => {
    const page = reviewNow()?.pages[at];
    if (!page || page.matchLoading) return false;
    const { draft } = page;
    const { contact } = draft;
    const decision = decide(draft);
    if (!contact || !decision.ok) return false;
    try {
      const image = bytesToBase64(new Uint8Array(await page.scanned.jpeg.arrayBuffer()));
      const { reading, scanDate } = page.scanned;
      const { evidenceId } = await record.mutateAsync({
        contactId: contact.id,
        // The code as read from the page (or typed): the services refuse it for another business or contact.
        code: draft.code,
        decision: decision.decision,
        purposes: decision.purposes,
        transfer: decision.transfer,
        scanDate,
        page: { fileName: reading.fileName, filePage: reading.filePage, image },
      });
      scanSession.update(at, (current) => ({
        ...current,
        // The page shows what was recorded, whatever came in meanwhile.
        draft,
        outcome: { kind: 'recorded', decision: decision.decision, evidenceId },
        error: null,
      }));
      return true;
    } catch (error) {
      scanSession.update(at, (current) => ({ ...current, error: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  };

  /** After a page is done: the next one still open (or this one, when none is left). */
  const goOn = (from: number) => {
    const now = reviewNow();
    if (!now) return;
    scanSession.select(nextOpenPage(statusesOf(now.pages), from) ?? from);
  };

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setWorking(true);
    try {
      await work();
    } finally {
      busy.current = false;
      setWorking(false);
    }
  };

  const accept = (at: number) =>
    run(async () => {
      if (await recordPage(at)) goOn(at);
    });

  const skip = (at: number) => {
    scanSession.update(at, (page) => ({ ...page, outcome: { kind: 'skipped' }, error: null }));
    goOn(at);
  };

  /** What Enter does on the page shown: take it over, or skip it when it is blank or repeated. */
  const primary = useRef<() => void>(() => undefined);
  primary.current = () => {
    const action = primaryAction(statuses[index]!, selected.matchLoading);
    if (action === 'skip') skip(index);
    else if (action === 'accept' && decide(selected.draft).ok) void accept(index);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.repeat || event.isComposing || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey)
        return;
      // Enter belongs to what has the focus there: a text field, a button or link, an open dialog.
      const target = event.target instanceof Element ? event.target : null;
      const own = 'input:not([type="radio"]):not([type="checkbox"]), textarea, select, button, a, [contenteditable="true"]';
      if (target?.closest(own) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      primary.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const acceptAllSure = () =>
    run(async () => {
      const pages = surePages(
        statusesOf(reviewNow()?.pages ?? []),
        (reviewNow()?.pages ?? []).map((page) => page.draft),
      );
      let done = 0;
      let failed = 0;
      setBulk({ done: 0, total: pages.length });
      // One after the other: each is a write of its own with its proof, and a refusal of one stops none of the others.
      for (const at of pages) {
        if (await recordPage(at)) done += 1;
        else failed += 1;
        setBulk({ done: done + failed, total: pages.length });
      }
      setBulk(null);
      setConfirmAll(false);
      if (done > 0) notifications.show({ color: 'teal', message: t('returnFormsView.acceptAllDone', { count: done }) });
      if (failed > 0) notifications.show({ color: 'red', message: t('returnFormsView.acceptAllFailed', { count: failed }) });
      goOn(reviewNow()?.selected ?? 0);
    });

  // Always with one decimal ("1,0 Sekunden"): a plural that also reads right for a whole second.
  const seconds = state.seconds.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t('returnFormsView.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="read-summary">
            {t('returnFormsView.readSummary', { count: state.pageCount, seconds })}
          </Text>
        </Stack>
        <Group>
          <Button
            leftSection={<IconChecks size={18} aria-hidden />}
            disabled={sure.length === 0 || working}
            onClick={() => setConfirmAll(true)}
          >
            {t('returnFormsView.acceptAllSure', { count: sure.length })}
          </Button>
          <Button variant="default" onClick={onNewStack} disabled={working}>
            {t('returnFormsView.newStack')}
          </Button>
        </Group>
      </Group>
      <Group gap={6} data-testid="status-counts">
        {pageStatuses
          .filter((status) => counts[status] > 0)
          .map((status) => (
            <Badge key={status} color={statusColors[status]} variant="light">
              {counts[status]} {t(`returnFormsView.status.${status}`)}
            </Badge>
          ))}
      </Group>
      {allDone && (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />}>
          {t('returnFormsView.allDone')}
        </Alert>
      )}
      <ScanProblems problems={state.problems} />
      <Group align="flex-start" wrap="nowrap" gap="md">
        <PageList pages={state.pages} statuses={statuses} selected={index} />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <PageImage page={selected} onZoom={() => setZoomed(true)} />
        </Box>
        <ScrollArea h={PANE_HEIGHT} w={380} offsetScrollbars>
          <PageDecision
            key={selected.proposal.page}
            page={selected}
            status={statuses[index]!}
            busy={working}
            onChange={(change) => scanSession.update(index, change)}
            onAccept={() => void accept(index)}
            onSkip={() => skip(index)}
            onReopen={() => scanSession.update(index, (page) => ({ ...page, outcome: null }))}
            onOpenContact={setContactId}
          />
        </ScrollArea>
      </Group>
      <Modal opened={confirmAll} onClose={() => !working && setConfirmAll(false)} title={t('returnFormsView.acceptAllTitle')} centered>
        <Stack>
          <Text size="sm">{t('returnFormsView.acceptAllText', { count: sure.length })}</Text>
          {bulk ? (
            <Stack gap={4}>
              <Text size="sm" aria-live="polite">
                {t('returnFormsView.acceptAllProgress', bulk)}
              </Text>
              <Progress value={bulk.total ? (bulk.done / bulk.total) * 100 : 100} />
            </Stack>
          ) : (
            <DialogActions onCancel={() => setConfirmAll(false)}>
              <Button onClick={() => void acceptAllSure()} data-autofocus>
                {t('returnFormsView.acceptAllConfirm', { count: sure.length })}
              </Button>
            </DialogActions>
          )}
        </Stack>
      </Modal>
      <Modal
        opened={zoomed}
        onClose={() => setZoomed(false)}
        size="auto"
        title={t('returnFormsView.pageImage', { page: selected.proposal.page })}
      >
        <PageImage page={selected} large />
      </Modal>
      <ContactDetailDrawer contactId={contactId} onClose={() => setContactId(null)} />
    </Stack>
  );
}

/** The pages of the stack with their status; the chosen one is shown beside. */
function PageList({ pages, statuses, selected }: { pages: ReviewPage[]; statuses: PageStatus[]; selected: number }) {
  const { t } = useTranslation();
  const confidenceWords = useConfidenceWords();
  const items = useRef(new Map<number, HTMLElement>());
  // The page chosen by Enter (the next open one) may lie below the list's visible part.
  // In braces: Chromium's scrollIntoView returns a promise now, which React would take for the effect's clean-up.
  useEffect(() => {
    void items.current.get(selected)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <ScrollArea h={PANE_HEIGHT} w={230} type="auto" component="nav" aria-label={t('returnFormsView.pages')}>
      {pages.map((page, at) => {
        const status = statuses[at]!;
        return (
          <NavLink
            key={page.proposal.page}
            ref={(element) => {
              if (element) items.current.set(at, element);
              else items.current.delete(at);
            }}
            component="button"
            active={at === selected}
            aria-current={at === selected ? 'true' : undefined}
            onClick={() => scanSession.select(at)}
            label={t('returnFormsView.page', { page: page.proposal.page })}
            description={
              <>
                {page.draft.contact?.displayName ?? (page.proposal.blank ? null : t('returnFormsView.noContact'))}
                <Text component="span" size="xs" c="dimmed" display="block">
                  {confidenceWords(page.proposal.confidence)}
                </Text>
              </>
            }
            rightSection={
              <Badge size="xs" color={page.error ? 'red' : statusColors[status]} variant="light">
                {t(`returnFormsView.status.${status}`)}
              </Badge>
            }
            data-testid={`page-${page.proposal.page}`}
          />
        );
      })}
    </ScrollArea>
  );
}

/** The scan of a page, from its JPEG (an address of this window's own, let go when another page is shown). */
function PageImage({ page, large = false, onZoom }: { page: ReviewPage; large?: boolean; onZoom?: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const address = URL.createObjectURL(page.scanned.jpeg);
    setUrl(address);
    return () => URL.revokeObjectURL(address);
  }, [page.scanned.jpeg]);
  if (!url) return null;
  const image = (
    <Image
      src={url}
      alt={t('returnFormsView.pageImage', { page: page.proposal.page })}
      fit="contain"
      h={large ? undefined : PANE_HEIGHT}
      w={large ? 'min(1100px, 90vw)' : '100%'}
      style={{ border: '1px solid var(--mantine-color-gray-3)', background: '#fff' }}
    />
  );
  if (!onZoom) return image;
  return (
    <UnstyledButton onClick={onZoom} aria-label={t('returnFormsView.enlarge')} w="100%" style={{ cursor: 'zoom-in' }}>
      {image}
    </UnstyledButton>
  );
}
