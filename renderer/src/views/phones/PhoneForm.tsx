import { Button, Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessPhone, type PhoneInput, phonePlatforms } from '../../../../shared/model/phones';
import { DialogActions } from '../../components/DialogActions';
import { useFocusBackOnClose } from '../../hooks/useFocusBackOnClose';
import { toldAlready } from '../../queries/client';
import { useAddPhone, useUpdatePhone } from '../../queries/phones';

const emptyPhone: PhoneInput = { name: '', number: null, platform: 'android', usedBy: null };

/** Adds a business phone, or changes one (`phone` given). */
export function PhoneForm({ phone, onClose }: { phone?: BusinessPhone; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddPhone();
  const update = useUpdatePhone();
  const [draft, setDraft] = useState<PhoneInput>(
    phone ? { name: phone.name, number: phone.number, platform: phone.platform, usedBy: phone.usedBy } : emptyPhone,
  );
  const saving = phone ? update : add;
  useFocusBackOnClose();
  const save = () => {
    const input = { ...draft, number: draft.number?.trim() || null, usedBy: draft.usedBy?.trim() || null };
    const done = phone ? update.mutateAsync({ id: phone.id, phone: input }) : add.mutateAsync(input);
    void done.then(onClose, toldAlready);
  };
  return (
    <Modal opened onClose={onClose} title={phone ? t('phones.form.editTitle') : t('phones.form.addTitle')} centered>
      <Stack>
        <TextInput
          label={t('phones.form.name')}
          placeholder={t('phones.form.namePlaceholder')}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
          required
          data-autofocus
        />
        <TextInput
          label={t('phones.form.number')}
          value={draft.number ?? ''}
          onChange={(event) => setDraft({ ...draft, number: event.currentTarget.value })}
        />
        <Stack gap={4}>
          <span id="phone-platform-label" style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 }}>
            {t('phones.form.platform')}
          </span>
          <SegmentedControl
            aria-labelledby="phone-platform-label"
            value={draft.platform}
            onChange={(value) => setDraft({ ...draft, platform: value as PhoneInput['platform'] })}
            data={phonePlatforms.map((value) => ({ value, label: t(`phones.platforms.${value}`) }))}
          />
        </Stack>
        <TextInput
          label={t('phones.form.usedBy')}
          placeholder={t('phones.form.usedByPlaceholder')}
          value={draft.usedBy ?? ''}
          onChange={(event) => setDraft({ ...draft, usedBy: event.currentTarget.value })}
        />
        <DialogActions error={saving.error?.message} onCancel={onClose}>
          <Button onClick={save} loading={saving.isPending} disabled={draft.name.trim() === ''}>
            {t('phones.form.save')}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
