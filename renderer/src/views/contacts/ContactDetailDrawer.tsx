import { Badge, Button, Drawer, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestInput, RequestName } from '../../../../shared/contract';
import type { ContactEdit } from '../../../../shared/model/contact-edit';
import { send } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useRequest } from '../../hooks/useRequest';
import { useConfirmLeave } from '../../unsaved-changes';
import { ConsentSection } from './ConsentSection';
import { ContactForm } from './ContactForm';
import { DuplicatesSection } from './DuplicatesSection';
import { HistoryTimeline } from './HistoryTimeline';
import { WaySection } from './WaySection';

interface Props {
  contactId: number | null;
  onClose: () => void;
  /** Something changed: the table should show it. */
  onChanged: () => void;
}

/** One contact: its way off WhatsApp, its details, its consent, its history and possible duplicates. */
export function ContactDetailDrawer({ contactId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const confirmLeave = useConfirmLeave();
  return (
    <Drawer opened={contactId !== null} onClose={() => confirmLeave(onClose)} position="right" size={760} title={t('detail.title')} closeButtonProps={{ 'aria-label': t('detail.close') }}>
      {contactId !== null && <Detail key={contactId} id={contactId} onChanged={onChanged} />}
    </Drawer>
  );
}

function Detail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const detail = useRequest('contacts.get', { id }, String(id));
  const tags = useRequest('contacts.tags', {});
  const [tab, setTab] = useState<string | null>('way');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const confirmLeave = useConfirmLeave();

  const act = async <K extends RequestName>(name: K, input: RequestInput<K>, done?: () => void) => {
    setBusy(true);
    const result = await send(name, input);
    setBusy(false);
    if (!result.ok) {
      notifications.show({ color: 'red', title: t('errors.title'), message: result.error.message });
      return false;
    }
    done?.();
    detail.reload();
    onChanged();
    return true;
  };

  if (detail.error) return <ErrorNotice message={detail.error.message} onRetry={detail.reload} />;
  if (!detail.data) return <Loader aria-label={t('app.loading')} />;
  const { contact } = detail.data;

  const save = async (edit: ContactEdit) => {
    setBusy(true);
    const result = await send('contacts.update', { id, edit });
    setBusy(false);
    if (!result.ok) return setFormError(result.error.message);
    setFormError(undefined);
    setFormKey((k) => k + 1);
    notifications.show({ color: 'teal', message: t('detail.saved') });
    detail.reload();
    tags.reload();
    onChanged();
  };

  return (
    <Stack gap="md" data-testid="contact-detail">
      <Stack gap={2}>
        <Title order={2} size="h3">
          {contact.displayName}
        </Title>
        <Text c="dimmed" size="sm">
          {[contact.organization, contact.phones[0]?.e164 ?? contact.phones[0]?.raw, contact.emails[0]?.address].filter(Boolean).join(' · ')}
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
            <Tabs.Tab value="duplicates" rightSection={<Badge size="xs" color="orange">{detail.data.duplicates.length}</Badge>}>
              {t('detail.sections.duplicates')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="way" pt="md">
          <WaySection
            detail={detail.data}
            busy={busy}
            onStage={(change) => void act('contacts.setStage', { id, change })}
            onTarget={(target, messengerId) => void act('contacts.setTarget', { id, target, messengerId })}
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
          <ContactForm key={`${formKey}-${contact.revision}`} contact={contact} allTags={tags.data ?? []} busy={busy} error={formError} onSave={(edit) => void save(edit)} />
        </Tabs.Panel>
        <Tabs.Panel value="consent" pt="md">
          <ConsentSection
            detail={detail.data}
            recording={recording}
            withdrawing={withdrawing}
            onRecord={setRecording}
            onWithdraw={setWithdrawing}
            onChanged={() => {
              detail.reload();
              onChanged();
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTimeline entries={detail.data.history} />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="md">
          <DuplicatesSection
            detail={detail.data}
            onMerge={(otherId) => void act('contacts.merge', { keepId: id, otherId }, () => notifications.show({ color: 'teal', message: t('detail.duplicates.merged') }))}
            onDismiss={(otherId) =>
              void act('contacts.keepApart', { id, otherId }, () => {
                const key = `kept-apart-${id}-${otherId}`;
                notifications.show({
                  id: key,
                  color: 'teal',
                  autoClose: 10_000,
                  message: (
                    <Stack gap={4}>
                      <Text size="sm">{t('detail.duplicates.keptApart')}</Text>
                      <Button size="compact-sm" variant="light" w="fit-content" onClick={() => (notifications.hide(key), void act('contacts.undoKeepApart', { id, otherId }))}>
                        {t('contacts.bulk.undo')}
                      </Button>
                    </Stack>
                  ),
                });
              })
            }
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
