import { Badge, Button, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDeviceMobile, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessPhone } from '../../../../shared/model/phones';
import { DialogActions } from '../../components/DialogActions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDateTime } from '../../format';
import { toldAlready } from '../../queries/client';
import { usePhones, useRetirePhone } from '../../queries/phones';
import { PhoneChecklist } from './PhoneChecklist';
import { PhoneForm } from './PhoneForm';

/** Einstellungen → Firmenhandys: each phone with WhatsApp, its checklist, and its last address-book check. */
export function PhonesSettings({ onPhoneCheck }: { onPhoneCheck: (phoneId: number) => void }) {
  const { t } = useTranslation();
  const phones = usePhones();
  const [editing, setEditing] = useState<BusinessPhone | 'new' | null>(null);
  if (phones.error) return <ErrorNotice message={phones.error.message} onRetry={() => void phones.refetch()} />;
  if (!phones.data) return <Loader aria-label={t('app.loading')} />;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <SectionHeading title={t('phones.title')} hint={t('phones.hint')} />
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} style={{ flex: 'none' }}>
          {t('phones.add')}
        </Button>
      </Group>
      {phones.data.length === 0 && (
        <Paper withBorder p="lg">
          <Text size="sm">{t('phones.empty')}</Text>
        </Paper>
      )}
      {phones.data.map((phone) => (
        <PhoneCard key={phone.id} phone={phone} onEdit={() => setEditing(phone)} onPhoneCheck={() => onPhoneCheck(phone.id)} />
      ))}
      {editing && <PhoneForm phone={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function PhoneCard({ phone, onEdit, onPhoneCheck }: { phone: BusinessPhone; onEdit: () => void; onPhoneCheck: () => void }) {
  const { t, i18n } = useTranslation();
  const [retiring, setRetiring] = useState(false);
  const retire = useRetirePhone();
  const due = phone.checklist.filter((entry) => entry.due).length;
  const check = phone.lastPhoneBookCheck;
  return (
    <Paper withBorder p="lg" component="section" aria-label={phone.name}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <IconDeviceMobile size={20} aria-hidden />
              <Title order={3} size="h4">
                {phone.name}
              </Title>
              <Badge variant="light">{t(`phones.platforms.${phone.platform}`)}</Badge>
              <Badge color={due ? 'orange' : 'teal'} variant="light">
                {due ? t('phones.itemsDue', { count: due }) : t('phones.allChecked')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {[phone.number, phone.usedBy && t('phones.usedBy', { name: phone.usedBy })].filter(Boolean).join(' · ') ||
                t('phones.noDetails')}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onEdit}>
              {t('phones.edit')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setRetiring(true)}>
              {t('phones.retire')}
            </Button>
          </Group>
        </Group>
        <PhoneChecklist phone={phone} />
        <Group justify="space-between">
          <Text size="sm">
            {check
              ? t('phones.lastCheck', {
                  date: formatDateTime(check.checkedAt, i18n.language),
                  numbers: check.numbers,
                  withoutConsent: check.withoutConsent,
                  unknown: check.unknown,
                })
              : t('phones.noCheckYet')}
          </Text>
          <Button size="xs" variant="light" onClick={onPhoneCheck}>
            {t('phones.checkPhoneBook')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={retiring} onClose={() => setRetiring(false)} title={t('phones.retireTitle', { phone: phone.name })} centered>
        <Stack>
          <Text size="sm">{t('phones.retireText')}</Text>
          <DialogActions onCancel={() => setRetiring(false)}>
            <Button
              color="red"
              loading={retire.isPending}
              onClick={() => void retire.mutateAsync({ id: phone.id }).then(() => setRetiring(false), toldAlready)}
            >
              {t('phones.retire')}
            </Button>
          </DialogActions>
        </Stack>
      </Modal>
    </Paper>
  );
}
