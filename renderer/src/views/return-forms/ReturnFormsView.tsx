import { Accordion, Button, Modal, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from '../../components/DialogActions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FileDropZone } from '../../components/FileDropZone';
import { ProgressPanel } from '../../components/ProgressPanel';
import { useDroppedFiles } from '../../file-drop';
import { ReturnFormsReview } from './ReturnFormsReview';
import { ScanProblems } from './ScanProblems';
import { scanSession, useScanSession } from './scan-session';

/** HEIC is offered too, so that an iPhone photo chosen here gets its own sentence instead of being greyed out. */
const accept = '.pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif';

/**
 * "Rückläufer einlesen" (issue 18): a stack of returned consent forms, scanned as one PDF or as photos,
 * read page by page on this computer (QR code and boxes), then reviewed page by page beside the
 * services' proposal and taken over into the contacts.
 */
export function ReturnFormsView() {
  const { t } = useTranslation();
  const session = useScanSession();
  const dropped = useDroppedFiles();
  // Files waiting for the answer to "discard the open pages?" (none: only the stack is let go).
  const [waiting, setWaiting] = useState<File[] | null>(null);
  const openPages = session.phase === 'review' ? session.pages.filter((page) => page.outcome === null).length : 0;

  const start = (files: File[]) => {
    if (files.length === 0) return;
    if (openPages > 0) setWaiting(files);
    else scanSession.read(files);
  };

  // Files dropped anywhere on the window while this page is open are a stack to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: start reads the session as it is now; the drop is what starts it.
  useEffect(() => {
    const files = dropped.pending.length > 0 ? dropped.take() : [];
    if (files.length > 0) start(files);
  }, [dropped]);

  const discard = (
    <Modal opened={waiting !== null} onClose={() => setWaiting(null)} title={t('returnFormsView.discardTitle')} centered>
      <Stack>
        <Text size="sm">{t('returnFormsView.discardText', { count: openPages })}</Text>
        <DialogActions onCancel={() => setWaiting(null)}>
          <Button
            color="red"
            onClick={() => {
              const files = waiting ?? [];
              setWaiting(null);
              if (files.length > 0) scanSession.read(files);
              else scanSession.reset();
            }}
          >
            {t('returnFormsView.discardConfirm')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );

  if (session.phase === 'review') {
    return (
      <>
        <ReturnFormsReview state={session} onNewStack={() => (openPages > 0 ? setWaiting([]) : scanSession.reset())} />
        {discard}
      </>
    );
  }

  return (
    <Stack maw={960}>
      <Title order={2}>{t('returnFormsView.title')}</Title>
      {session.phase === 'reading' && (
        <Stack align="flex-start">
          <ProgressPanel
            label={
              session.progress && session.progress.total > 0
                ? t('returnFormsView.reading', {
                    page: Math.min(session.progress.done + 1, session.progress.total),
                    total: session.progress.total,
                  })
                : t('returnFormsView.opening')
            }
            percent={
              session.progress && session.progress.total > 0 ? Math.round((session.progress.done / session.progress.total) * 100) : null
            }
          />
          <Button variant="default" onClick={() => scanSession.cancel()}>
            {t('returnFormsView.cancel')}
          </Button>
        </Stack>
      )}
      {session.phase === 'proposing' && (
        <ProgressPanel label={t('returnFormsView.proposing', { count: session.pageCount })} percent={null} />
      )}
      {session.phase === 'proposeFailed' && (
        <Stack align="flex-start">
          <ErrorNotice message={session.message} onRetry={() => scanSession.retryPropose()} />
          <Button variant="default" onClick={() => scanSession.reset()}>
            {t('returnFormsView.startOver')}
          </Button>
        </Stack>
      )}
      {session.phase === 'idle' && (
        <>
          <Text size="sm">{t('returnFormsView.intro')}</Text>
          <Accordion variant="contained">
            <Accordion.Item value="scan">
              <Accordion.Control>{t('returnFormsView.howToScan')}</Accordion.Control>
              <Accordion.Panel>
                <Text size="sm">{t('returnFormsView.scanTips')}</Text>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          <FileDropZone
            title={t('returnFormsView.drop')}
            hint={t('returnFormsView.dropHint')}
            buttonLabel={t('returnFormsView.choose')}
            accept={accept}
            multiple
            testId="return-forms-drop"
            inputTestId="return-forms-input"
            onFiles={start}
          />
          <ScanProblems problems={session.problems} />
        </>
      )}
    </Stack>
  );
}
