import { Badge, Button, Drawer, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactEdit } from '../../../../shared/model/contact-edit';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toldAlready } from '../../queries/client';
import {
  useContact,
  useContactTags,
  useKeepApart,
  useMergeContacts,
  useSetStage,
  useSetTarget,
  useUndoKeepApart,
  useUpdateContact,
} from '../../queries/contacts';
import { useConfirmLeave } from '../../unsaved-changes';
import { ConsentSection } from './ConsentSection';
import { ContactForm } from './ContactForm';
import { DuplicatesSection } from './DuplicatesSection';
import { HistoryTimeline } from './HistoryTimeline';
import { RequestsSection } from './RequestsSection';
import { WaySection } from './WaySection';

interface Props {
  contactId: number | null;
  onClose: () => void;
}

const drawerId = 'contact-detail-drawer';

/** One contact: its way off WhatsApp, its details, its consent, its history, possible duplicates, and the person's requests (access, erasure). */
export function ContactDetailDrawer({ contactId, onClose }: Props) {
  const { t } = useTranslation();
  const confirmLeave = useConfirmLeave();
  const opened = contactId !== null;
  const close = () => confirmLeave(onClose);
  /**
   * Escape closes the drawer, but not when it closes a dialog opened from it (a stage change, the
   * consent form) or a list of choices in it: Mantine would close the drawer too. Read before the page
   * handles the key (capture), while an open list still marks its field.
   */
  useWindowEvent(
    'keydown',
    (event) => {
      if (!opened || event.key !== 'Escape' || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.getAttribute('data-mantine-stop-propagation') === 'true') return;
      const inDrawer = document.getElementById(drawerId)?.contains(target) ?? false;
      if (!inDrawer && target?.closest('[role="dialog"]')) return;
      close();
    },
    { capture: true },
  );
  return (
    <Drawer
      id={drawerId}
      opened={opened}
      onClose={close}
      closeOnEscape={false}
      position="right"
      size={760}
      title={t('detail.title')}
      closeButtonProps={{ 'aria-label': t('detail.close') }}
    >
      {contactId !== null && <Detail key={contactId} id={contactId} onErased={onClose} />}
    </Drawer>
  );
}

function Detail({ id, onErased }: { id: number; onErased: () => void }) {
  const { t } = useTranslation();
  const detail = useContact(id);
  const tags = useContactTags();
  const setStage = useSetStage();
  const setTarget = useSetTarget();
  const update = useUpdateContact();
  const merge = useMergeContacts();
  const keepApart = useKeepApart();
  const undoKeepApart = useUndoKeepApart();
  const [tab, setTab] = useState<string | null>('way');
  const [formError, setFormError] = useState<string>();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const confirmLeave = useConfirmLeave();
  const busy = [setStage, setTarget, update, merge, keepApart, undoKeepApart].some((change) => change.isPending);

  if (detail.error) return <ErrorNotice message={detail.error.message} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loader aria-label={t('app.loading')} />;
  const { contact } = detail.data;

  const save = (edit: ContactEdit) =>
    update.mutateAsync({ id, edit }).then(
      () => {
        setFormError(undefined);
        setFormKey((k) => k + 1);
        notifications.show({ color: 'teal', message: t('detail.saved') });
      },
      (error: Error) => setFormError(error.message),
    );

  return (
    <Stack gap="md" data-testid="contact-detail">
      <Stack gap={2}>
        <Title order={2} size="h3">
          {contact.displayName}
        </Title>
        <Text c="dimmed" size="sm">
          {[contact.organization, detail.data.numbersShown[0], contact.emails[0]?.address].filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      {/* A tab's content lives only while it is shown: leaving the details tab discards unsaved edits, so ask first. */}
      <Tabs value={tab} onChange={(next) => next !== tab && confirmLeave(() => setTab(next))} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="way">{t('detail.sections.way')}</Tabs.Tab>
          <Tabs.Tab value="details">{t('detail.sections.details')}</Tabs.Tab>
          <Tabs.Tab value="consent">{t('detail.sections.consent')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('detail.sections.history')}</Tabs.Tab>
          {detail.data.duplicates.length > 0 && (
            <Tabs.Tab
              value="duplicates"
              rightSection={
                <Badge size="xs" color="orange">
                  {detail.data.duplicates.length}
                </Badge>
              }
            >
              {t('detail.sections.duplicates')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="requests">{t('detail.sections.requests')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="way" pt="md">
          <WaySection
            detail={detail.data}
            busy={busy}
            onStage={(change) => setStage.mutate({ id, change })}
            onTarget={(target, messengerId) => setTarget.mutate({ id, target, messengerId })}
            onRecordConsent={() => {
              setTab('consent');
              setRecording(true);
            }}
            onWithdrawConsent={() => {
              setTab('consent');
              setWithdrawing(true);
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          <ContactForm
            key={`${formKey}-${contact.revision}`}
            contact={contact}
            allTags={tags.data ?? []}
            busy={busy}
            error={formError}
            onSave={(edit) => void save(edit)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="consent" pt="md">
          <ConsentSection
            detail={detail.data}
            recording={recording}
            withdrawing={withdrawing}
            onRecord={setRecording}
            onWithdraw={setWithdrawing}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTimeline entries={detail.data.history} />
        </Tabs.Panel>
        <Tabs.Panel value="requests" pt="md">
          <RequestsSection detail={detail.data} onErased={onErased} />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="md">
          <DuplicatesSection
            detail={detail.data}
            onMerge={(otherId) =>
              void merge
                .mutateAsync({ keepId: id, otherId })
                .then(() => notifications.show({ color: 'teal', message: t('detail.duplicates.merged') }), toldAlready)
            }
            onDismiss={(otherId) =>
              void keepApart.mutateAsync({ id, otherId }).then(() => {
                const key = `kept-apart-${id}-${otherId}`;
                notifications.show({
                  id: key,
                  color: 'teal',
                  autoClose: 10_000,
                  message: (
                    <Stack gap={4}>
                      <Text size="sm">{t('detail.duplicates.keptApart')}</Text>
                      <Button
                        size="compact-sm"
                        variant="light"
                        w="fit-content"
                        onClick={() => (notifications.hide(key), undoKeepApart.mutate({ id, otherId }))}
                      >
                        {t('contacts.bulk.undo')}
                      </Button>
                    </Stack>
                  ),
                });
              }, toldAlready)
            }
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
