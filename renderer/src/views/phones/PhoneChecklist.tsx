import { Accordion, Badge, Button, Group, List, Modal, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessPhone, ChecklistItem } from '../../../../shared/model/phones';
import { DialogActions } from '../../components/DialogActions';
import { formatDate, todayIso } from '../../format';
import { useFocusBackOnClose } from '../../hooks/useFocusBackOnClose';
import { toldAlready } from '../../queries/client';
import { useTickChecklistItem } from '../../queries/phones';

/** The checklist of one phone: each item with when it was last checked and by whom, and where to tap on this phone. */
export function PhoneChecklist({ phone }: { phone: BusinessPhone }) {
  const { t, i18n } = useTranslation();
  const [ticking, setTicking] = useState<ChecklistItem | null>(null);
  return (
    <>
      <Accordion variant="separated" multiple aria-label={t('phones.checklist.label', { phone: phone.name })}>
        {phone.checklist.map((entry) => (
          <Accordion.Item key={entry.item} value={entry.item} data-testid={`checklist-${entry.item}`}>
            <Accordion.Control
              icon={
                <ThemeIcon color={entry.due ? 'orange' : 'teal'} variant="light" radius="xl" size="md">
                  {entry.due ? <IconAlertCircle size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
                </ThemeIcon>
              }
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={500}>
                  {t(`phones.items.${entry.item}.title`)}
                </Text>
                <Badge color={entry.due ? 'orange' : 'teal'} variant="light" style={{ flex: 'none' }}>
                  {entry.checkedOn
                    ? entry.due
                      ? t('phones.checklist.dueAgain')
                      : t('phones.checklist.checked')
                    : t('phones.checklist.never')}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Text size="sm">{t(`phones.items.${entry.item}.why`)}</Text>
                <Text size="sm" fw={500}>
                  {t(`phones.checklist.howOn.${phone.platform}`)}
                </Text>
                <List size="sm" type="ordered">
                  {t(`phones.items.${entry.item}.${phone.platform}`)
                    .split(' → ')
                    .map((step) => (
                      <List.Item key={step}>{step}</List.Item>
                    ))}
                </List>
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {entry.checkedOn
                      ? t('phones.checklist.lastChecked', { date: formatDate(entry.checkedOn, i18n.language), by: entry.checkedBy })
                      : t('phones.checklist.neverChecked')}
                  </Text>
                  <Button size="xs" onClick={() => setTicking(entry.item)}>
                    {t('phones.checklist.tick')}
                  </Button>
                </Group>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {ticking && <TickDialog phone={phone} item={ticking} onClose={() => setTicking(null)} />}
    </>
  );
}

/** "Geprüft": the day (today unless said otherwise) and who checked it; both go on record. */
function TickDialog({ phone, item, onClose }: { phone: BusinessPhone; item: ChecklistItem; onClose: () => void }) {
  const { t } = useTranslation();
  const tick = useTickChecklistItem();
  const [checkedOn, setCheckedOn] = useState(todayIso());
  const [checkedBy, setCheckedBy] = useState('');
  useFocusBackOnClose();
  const save = () => void tick.mutateAsync({ phoneId: phone.id, item, checkedOn, checkedBy: checkedBy.trim() }).then(onClose, toldAlready);
  return (
    <Modal opened onClose={onClose} title={t(`phones.items.${item}.title`)} centered>
      <Stack>
        <TextInput
          type="date"
          label={t('phones.checklist.checkedOn')}
          value={checkedOn}
          max={todayIso()}
          onChange={(e) => setCheckedOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('phones.checklist.checkedBy')}
          value={checkedBy}
          onChange={(e) => setCheckedBy(e.currentTarget.value)}
          required
          data-autofocus
        />
        <DialogActions error={tick.error?.message} onCancel={onClose}>
          <Button onClick={save} loading={tick.isPending} disabled={!checkedOn || checkedBy.trim() === ''}>
            {t('phones.checklist.save')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
