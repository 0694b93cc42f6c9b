import { Alert, Anchor, Button, Group, Loader, Paper, Progress, Radio, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconFileTypePdf, IconPrinter, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { letterKinds, type LetterKind } from '../../../../shared/letters/din-letter';
import type { Selection } from '../../../../shared/model/contact';
import { send } from '../../api';
import { pdfUrl, saveFile } from '../../download';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toldAlready } from '../../queries/client';
import { useContactCount, useUndoBulk } from '../../queries/contacts';
import { useLetterPreview, useLettersDelivered, usePrintLetters } from '../../queries/letters';
import { useAppInfo } from '../../queries/settings';
import { useSelectionHandoff } from '../../selection-handoff';
import { LetterPreview } from './LetterPreview';

/** The usual recipients of each letter: who should stay on WhatsApp, and who has not been invited yet. */
const usualRecipients: Record<LetterKind, Selection> = {
  consent: { filter: { search: '', targets: ['whatsapp_consent'] }, except: [] },
  invitation: { filter: { search: '', view: 'not_invited' }, except: [] },
};

function Letters({ selection, kind, onProfile }: { selection: Selection; kind: LetterKind; onProfile: () => void }) {
  const { t } = useTranslation();
  /** The first dozen names of a list, and how many more. */
  const names = (contacts: readonly { displayName: string }[]) =>
    contacts
      .slice(0, 12)
      .map((c) => c.displayName)
      .join(', ') + (contacts.length > 12 ? ` ${t('letters.ui.andMore', { count: contacts.length - 12 })}` : '');
  const [form, setForm] = useState<'A' | 'B'>('B');
  // Consent letters to contacts who consented, refused or switched already: left out unless the office says otherwise.
  const [includeSettled, setIncludeSettled] = useState(false);
  const preview = useLetterPreview({ selection, form, kind, includeSettled });
  const info = useAppInfo();
  const delivered = useLettersDelivered();
  // The print dialog lays out every letter first: seconds for a large batch, so the button shows it is busy.
  const printWithDialog = usePrintLetters();
  const undoMark = useUndoBulk();
  const [printing, setPrinting] = useState<{ done: number; total: number } | null>(null);
  const doneMessage = (count: number, marked: number) =>
    t(kind === 'invitation' ? 'letters.ui.doneInvitation' : 'letters.ui.done', { count, marked });
  // What went wrong, and for a PDF saved whose contacts could not be marked, the way to try that again.
  const [error, setError] = useState<{ message: string; retry?: () => void }>();

  if (preview.error) return <ErrorNotice message={preview.error.message} onRetry={() => void preview.refetch()} />;
  if (!preview.data) return <Loader aria-label={t('app.loading')} />;
  const data = preview.data;

  /** Starts the printing and follows it part by part until the PDF is there. */
  const printLetters = async () => {
    const started = await send('letters.start', { selection, form, kind, includeSettled });
    if (!started.ok) return started;
    const { jobId } = started.value;
    for (;;) {
      const status = await send('letters.status', { jobId });
      if (!status.ok) return status;
      if (status.value.result) return { ok: true as const, value: { jobId, ...status.value.result } };
      setPrinting({ done: status.value.done, total: status.value.total });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  };

  /**
   * The PDF is saved: the host marks the contacts now (not before: a tab closed while the PDF was on
   * its way leaves them as they were). If that fails, the office can try again; the job waits.
   */
  const confirmDelivery = (jobId: number): Promise<void> =>
    delivered.mutateAsync({ jobId }).then(
      ({ printed, marked, operationId }) => {
        setError(undefined);
        notifications.show({
          color: 'teal',
          autoClose: 15_000,
          message: (
            <Stack gap={4}>
              <Text size="sm">{doneMessage(printed, marked)}</Text>
              {operationId !== null && marked > 0 && (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() =>
                    void undoMark
                      .mutateAsync({ operationId })
                      .then(
                        ({ restored }) => notifications.show({ color: 'teal', message: t('contacts.bulk.undone', { count: restored }) }),
                        toldAlready,
                      )
                  }
                >
                  {t('letters.ui.undoMark')}
                </Button>
              )}
            </Stack>
          ),
        });
      },
      (failed: Error) =>
        setError({ message: t('letters.ui.markFailed', { reason: failed.message }), retry: () => void confirmDelivery(jobId) }),
    );

  /**
   * The letters as one PDF: saved as a download, or (`inTab`, the browser's "Drucken") opened in a tab
   * of its own, whose print dialog is the browser's. The tab is opened at the click, while the browser
   * still counts it as the user's doing, and gets the PDF when it is there; a blocked tab gets a
   * download instead, and the message says which happened.
   */
  const makePdf = async (inTab = false) => {
    const tab = inTab ? window.open('about:blank', '_blank') : null;
    setPrinting({ done: 0, total: 1 });
    setError(undefined);
    const result = await printLetters();
    setPrinting(null);
    if (!result.ok) {
      tab?.close();
      return setError({ message: result.error.message });
    }
    const { jobId, fileName, data: pdf } = result.value;
    if (pdf && tab) {
      tab.location.href = pdfUrl(pdf);
      notifications.show({ color: 'blue', autoClose: 20_000, message: t('letters.ui.openedInTab', { file: fileName }) });
    } else if (pdf) {
      saveFile(fileName, pdf, 'application/pdf');
      if (inTab) notifications.show({ color: 'blue', autoClose: 20_000, message: t('letters.ui.tabBlocked', { file: fileName }) });
    }
    await confirmDelivery(jobId);
  };

  /** Desktop app: the system print dialog; the contacts are marked once the job went to the printer. */
  const print = () =>
    printWithDialog.mutateAsync({ selection, form, kind, includeSettled }).then(
      ({ cancelled, printed, marked }) =>
        notifications.show(
          cancelled ? { color: 'gray', message: t('letters.ui.printCancelled') } : { color: 'teal', message: doneMessage(printed, marked) },
        ),
      (failed: Error) => setError({ message: failed.message }),
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text data-testid="letters-summary">{t('letters.ui.summary', { count: data.total, printable: data.printable })}</Text>
        <SegmentedControl
          value={form}
          onChange={(value) => setForm(value as 'A' | 'B')}
          data={[
            { value: 'B', label: t('letters.ui.formB') },
            { value: 'A', label: t('letters.ui.formA') },
          ]}
          aria-label={t('letters.ui.form')}
        />
      </Group>
      {kind === 'invitation' && (
        <Text size="sm" c="dimmed">
          {t('letters.ui.invitationHint')}
        </Text>
      )}
      {data.missing.length > 0 && (
        <Alert color="yellow" title={t('letters.ui.profileIncomplete')}>
          <Stack gap="xs">
            <Text size="sm">{t('profile.missingIntro', { fields: data.missing.join(', ') })}</Text>
            <Anchor component="button" onClick={onProfile} w="fit-content">
              {t('letters.ui.fillProfile')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      {data.settled.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={t('letters.ui.settledTitle', { count: data.settled.length })}
          data-testid="letters-settled"
        >
          <Stack gap="xs">
            <Text size="sm">{t('letters.ui.settledText', { count: data.settled.length })}</Text>
            <Text size="sm">
              {names(data.settled.map((c) => ({ displayName: `${c.displayName} (${t(`letters.settledReasons.${c.reason}`)})` })))}
            </Text>
            <Radio.Group
              value={includeSettled ? 'all' : 'without'}
              onChange={(value) => setIncludeSettled(value === 'all')}
              aria-label={t('letters.ui.settledChoice')}
            >
              <Group gap="lg">
                <Radio value="without" label={t('letters.ui.withoutSettled')} />
                <Radio value="all" label={t('letters.ui.includeSettled')} />
              </Group>
            </Radio.Group>
          </Stack>
        </Alert>
      )}
      {data.landlineOnly.length > 0 && (
        <Alert
          color="blue"
          variant="light"
          title={t('letters.ui.landlineOnlyTitle', { count: data.landlineOnly.length })}
          data-testid="letters-landline-only"
        >
          <Text size="sm">{names(data.landlineOnly)}</Text>
        </Alert>
      )}
      {data.withoutAddress.length > 0 && (
        <Alert color="blue" variant="light" title={t('letters.ui.withoutAddressTitle', { count: data.withoutAddress.length })}>
          <Text size="sm">{names(data.withoutAddress)}</Text>
        </Alert>
      )}
      {printing ? (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text size="sm">{t('letters.ui.printing', { count: data.toPrint })}</Text>
            <Text size="sm" c="dimmed">
              {/* "Teil 0 von 2" says nothing: until the first part is done, that the print is being prepared. */}
              {printing.done === 0 ? t('letters.ui.preparing') : t('letters.ui.progress', { done: printing.done, total: printing.total })}
            </Text>
          </Group>
          <Progress
            value={(100 * printing.done) / Math.max(1, printing.total)}
            animated
            aria-label={t('letters.ui.printing', { count: data.toPrint })}
          />
        </Paper>
      ) : (
        <Group>
          <Button
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            onClick={() => void makePdf(false)}
            disabled={data.missing.length > 0 || data.toPrint === 0}
          >
            {t('letters.ui.makePdf', { count: data.toPrint })}
          </Button>
          {info.data?.adapter === 'browser' && (
            <Button
              variant="default"
              leftSection={<IconPrinter size={18} aria-hidden />}
              onClick={() => void makePdf(true)}
              disabled={data.missing.length > 0 || data.toPrint === 0}
            >
              {t('letters.ui.printInTab')}
            </Button>
          )}
          {info.data?.adapter === 'desktop' && (
            <Button
              variant="default"
              leftSection={<IconPrinter size={18} aria-hidden />}
              onClick={() => void print()}
              loading={printWithDialog.isPending}
              disabled={data.missing.length > 0 || data.toPrint === 0}
            >
              {t('letters.ui.print')}
            </Button>
          )}
          {data.version && (
            <Text size="sm" c="dimmed">
              {t('letters.ui.version', { version: data.version })}
            </Text>
          )}
        </Group>
      )}
      {error && <ErrorNotice message={error.message} onRetry={error.retry} />}
      {data.html && <LetterPreview html={data.html} label={t('letters.ui.preview')} />}
    </Stack>
  );
}

/**
 * Briefe: consent letters (or invitations on paper) for a selection, or for the usual recipients,
 * previewed, then one PDF or the print dialog.
 */
export function LettersView({
  initialKind = 'consent',
  onContacts,
  onProfile,
  onImport,
}: {
  initialKind?: LetterKind;
  onContacts: () => void;
  onProfile: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const handoff = useSelectionHandoff();
  // With no contacts at all, there is nobody to choose: importing them comes first.
  const noContacts = useContactCount().data === 0;
  const [kind, setKind] = useState<LetterKind>(initialKind);
  const [chosen, setChosen] = useState<Selection | null>(null);
  const selection = handoff.selection?.selection ?? chosen;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('letters.ui.title')}</Title>
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as LetterKind)}
          data={letterKinds.map((value) => ({ value, label: t(`letters.ui.kinds.${value}`) }))}
          aria-label={t('letters.ui.kind')}
        />
      </Group>
      {selection ? (
        <>
          {handoff.selection && (
            <Text size="sm" c="dimmed">
              {t('letters.ui.fromSelection', { count: handoff.selection.count })}{' '}
              <Anchor
                component="button"
                size="sm"
                onClick={() => {
                  handoff.clear();
                  setChosen(null);
                }}
              >
                {t('letters.ui.otherRecipients')}
              </Anchor>
            </Text>
          )}
          <Letters selection={selection} kind={kind} onProfile={onProfile} />
        </>
      ) : noContacts ? (
        <Paper withBorder p="xl" maw={640} data-testid="letters-no-contacts">
          <Stack>
            <Text>{t('letters.ui.noContacts')}</Text>
            <Button leftSection={<IconFileImport size={16} aria-hidden />} onClick={onImport} w="fit-content">
              {t('contacts.emptyAction')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="xl" maw={640}>
          <Stack>
            <Text>{t(kind === 'invitation' ? 'letters.ui.emptyTextInvitation' : 'letters.ui.emptyText')}</Text>
            <Group>
              <Button onClick={() => setChosen(usualRecipients[kind])}>
                {t(kind === 'invitation' ? 'letters.ui.allNotInvited' : 'letters.ui.allStaying')}
              </Button>
              <Button variant="default" leftSection={<IconUsers size={16} aria-hidden />} onClick={onContacts}>
                {t('letters.ui.chooseContacts')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
