import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { smsLength } from '../../../../shared/invitations/sms';
import {
  defaultTemplates,
  invitationKinds,
  placeholderNames,
  templateChannels,
  unknownPlaceholders,
  type InvitationKind,
  type Template,
  type TemplateChannel,
} from '../../../../shared/invitations/templates';
import { send } from '../../api';
import { notifyFailure, toldAlready } from '../../queries/client';
import { useContactSample } from '../../queries/contacts';
import { useResetTemplate, useSaveTemplate, useTemplates } from '../../queries/templates';
import { useConfirmLeave, useUnsavedChanges } from '../../unsaved-changes';

/** The invitation texts: one per target and channel, Sie or Du, German or English, edited with a live preview for a real contact. */
export function TemplateEditor({ previewContactId }: { previewContactId: number | null }) {
  const { t } = useTranslation();
  const catalogue = useTemplates();
  const contacts = useContactSample();
  const saveTemplate = useSaveTemplate();
  const resetTemplate = useResetTemplate();
  const [language, setLanguage] = useState<'de' | 'en'>('de');
  const [formal, setFormal] = useState(true);
  const [kind, setKind] = useState<InvitationKind>('switch');
  const [channel, setChannel] = useState<TemplateChannel>('whatsapp');
  const [draft, setDraft] = useState<Template | null>(null);
  const [contactId, setContactId] = useState<number | null>(previewContactId);
  const [preview, setPreview] = useState<{ subject: string; text: string; unknown: string[] } | null>(null);
  const stored = catalogue.data?.[language][formal ? 'formal' : 'informal'][kind][channel];
  useEffect(() => setDraft(stored ?? null), [stored]);
  const dirty = draft !== null && stored !== undefined && JSON.stringify(draft) !== JSON.stringify(stored);
  useUnsavedChanges(dirty);
  // Another text (kind, channel, Sie/Du, language) replaces the draft: ask before edits are lost.
  const confirmLeave = useConfirmLeave();
  const choose = (apply: (value: string) => void) => (value: string) => confirmLeave(() => apply(value));
  useEffect(() => {
    if (contactId === null && contacts.data?.rows[0]) setContactId(contacts.data.rows[0].id);
  }, [contactId, contacts.data]);
  useEffect(() => {
    if (!draft || contactId === null) return;
    let current = true;
    void send('templates.preview', { contactId, language, formal, template: draft }).then((result) => {
      if (!current) return;
      if (result.ok) setPreview(result.value);
      else notifyFailure(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [draft, contactId, language, formal]);

  if (!draft) return null;
  const unknown = unknownPlaceholders(draft.subject + draft.body);
  const key = { language, formal, kind, channel };
  const isDefault = JSON.stringify(stored) === JSON.stringify(defaultTemplates[language][formal ? 'formal' : 'informal'][kind][channel]);
  const sms = channel === 'sms' && preview && unknown.length === 0 ? smsLength(preview.text) : null;
  const save = () =>
    void saveTemplate
      .mutateAsync({ ...key, template: draft })
      .then(() => notifications.show({ color: 'teal', message: t('invitations.templateSaved') }), toldAlready);
  const reset = () => resetTemplate.mutate(key);

  return (
    <Paper withBorder p="lg" data-testid="template-editor">
      <Stack>
        <Title order={3} size="h4">
          {t('invitations.templates')}
        </Title>
        <Group>
          <SegmentedControl
            value={kind}
            onChange={choose((value) => setKind(value as InvitationKind))}
            data={invitationKinds.map((value) => ({ value, label: t(`invitations.kinds.${value}`) }))}
            aria-label={t('invitations.kind')}
          />
          <SegmentedControl
            value={channel}
            onChange={choose((value) => setChannel(value as TemplateChannel))}
            data={templateChannels.map((value) => ({ value, label: t(`invitations.channels.${value}`) }))}
            aria-label={t('invitations.channel')}
          />
          <SegmentedControl
            value={formal ? 'formal' : 'informal'}
            onChange={choose((value) => setFormal(value === 'formal'))}
            data={[
              { value: 'formal', label: t('invitations.formal') },
              { value: 'informal', label: t('invitations.informal') },
            ]}
            aria-label={t('invitations.tone')}
          />
          <SegmentedControl
            value={language}
            onChange={choose((value) => setLanguage(value as 'de' | 'en'))}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            aria-label={t('invitations.language')}
          />
        </Group>
        {(channel === 'email' || channel === 'letter') && (
          <TextInput
            label={t('invitations.subject')}
            value={draft.subject}
            onChange={(event) => setDraft({ ...draft, subject: event.currentTarget.value })}
          />
        )}
        <Textarea
          label={t('invitations.body')}
          value={draft.body}
          onChange={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
          autosize
          minRows={5}
        />
        <Text size="xs" c="dimmed">
          {t('invitations.placeholders', { list: placeholderNames.map((name) => `{{${name}}}`).join(' ') })}
        </Text>
        {unknown.length > 0 && (
          <Alert color="red" role="alert" title={t('invitations.unknownTitle')}>
            {unknown.map((name) => `{{${name}}}`).join(', ')}
          </Alert>
        )}
        <Group>
          <Button onClick={save} disabled={unknown.length > 0 || !dirty}>
            {t('invitations.save')}
          </Button>
          <Button variant="subtle" onClick={reset} disabled={isDefault}>
            {t('invitations.reset')}
          </Button>
          <Text size="sm" c="dimmed" data-testid="template-origin">
            {t(isDefault ? 'invitations.isDefault' : 'invitations.isOwn')}
          </Text>
        </Group>
        <Select
          label={t('invitations.previewFor')}
          data={(contacts.data?.rows ?? []).map((row) => ({ value: String(row.id), label: row.displayName }))}
          value={contactId === null ? null : String(contactId)}
          onChange={(value) => setContactId(value ? Number(value) : null)}
          searchable
          w={320}
        />
        {preview && unknown.length === 0 && (
          <Paper bg="gray.0" p="sm" data-testid="template-preview">
            {(channel === 'email' || channel === 'letter') && preview.subject && (
              <Text size="sm" fw={600} mb={4}>
                {preview.subject}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {preview.text}
            </Text>
          </Paper>
        )}
        {sms && (
          <Text size="xs" c={sms.parts > 1 ? 'orange.8' : 'dimmed'} data-testid="sms-length">
            {[
              t('invitations.smsLength', { count: sms.parts, characters: sms.characters }),
              ...(sms.gsm ? [] : [t('invitations.smsUnicode')]),
            ].join(' ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
