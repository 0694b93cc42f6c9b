import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/model/contact';
import { contactKinds, contactLanguages, formalByKind, formalChoices, formalKey, genders } from '../../../../shared/model/contact-terms';
import { contactEditOf, emptyContactEdit, type ContactEdit } from '../../../../shared/model/contact-edit';
import { isEmailAddress } from '../../../../shared/email';
import { labelFromWords, labelInWords, suggestedLabels } from '../../../../shared/model/labels';
import { formatDate, parseTypedDate } from '../../../../shared/local-date';
import { useUnsavedChanges } from '../../unsaved-changes';

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

interface Props {
  /** Left out: the empty form of a new contact. */
  contact?: Contact;
  allTags: string[];
  busy: boolean;
  error?: string;
  onSave: (edit: ContactEdit) => void;
}

/** Every field of a contact; numbers are checked and read again (E.164) when saved. */
export function ContactForm({ contact, allTags, busy, error, onSave }: Props) {
  const { t, i18n } = useTranslation();
  const stored = contact ? contactEditOf(contact) : emptyContactEdit;
  const [edit, setEdit] = useState<ContactEdit>(stored);
  const set = <K extends keyof ContactEdit>(key: K, value: ContactEdit[K]) => setEdit({ ...edit, [key]: value });
  // The birthday as typed (TT.MM.JJJJ); stored as YYYY-MM-DD, or --MM-DD without a year, once it reads as a day.
  const storedBirthday = formatDate(stored.birthday, i18n.language);
  const [birthdayText, setBirthdayText] = useState(storedBirthday);
  const [birthdayLeft, setBirthdayLeft] = useState(false);
  const birthdayWrong =
    birthdayText !== storedBirthday && birthdayText.trim() !== '' && parseTypedDate(birthdayText, { withoutYear: true }) === null;
  const typeBirthday = (text: string) => {
    setBirthdayText(text);
    const day = text.trim() === '' ? null : parseTypedDate(text, { withoutYear: true });
    if (text.trim() === '' || day !== null) set('birthday', day);
  };
  const labelSuggestions = suggestedLabels.map((key) => t(`labels.${key}`));
  const text = (key: 'givenName' | 'familyName' | 'title' | 'organization' | 'department' | 'jobTitle' | 'customerNumber', label = key) => (
    <TextInput label={t(`detail.fields.${label}`)} value={edit[key] ?? ''} onChange={(e) => set(key, orNull(e.currentTarget.value))} />
  );
  // A birthday that does not read as a day yet is a change not saved, and keeps Speichern off.
  const dirty = JSON.stringify(edit) !== JSON.stringify(stored) || birthdayWrong;
  // Numbers an import could not read (no area code, say): kept, and marked until corrected.
  const flaggedNumbers = new Set(contact?.phones.filter((phone) => !phone.e164).map((phone) => phone.raw));
  useUnsavedChanges(dirty);

  return (
    <Stack gap="sm">
      <Group grow>
        <NativeSelect
          label={t('detail.fields.gender')}
          value={edit.gender ?? ''}
          data={[{ value: '', label: t('detail.none') }, ...genders.map((value) => ({ value, label: t(`tracking.genders.${value}`) }))]}
          onChange={(e) => set('gender', (orNull(e.currentTarget.value) as ContactEdit['gender']) ?? null)}
        />
        {text('title')}
        <NativeSelect
          label={t('detail.fields.kind')}
          value={edit.kind}
          data={contactKinds.map((value) => ({ value, label: t(`contacts.kinds.${value}`) }))}
          onChange={(e) => set('kind', e.currentTarget.value as ContactEdit['kind'])}
        />
      </Group>
      <Group grow>
        {text('givenName')}
        {text('familyName')}
      </Group>
      <Group grow>
        {text('organization')}
        {text('department')}
        {text('jobTitle')}
      </Group>
      <Group>
        <Checkbox
          label={t('detail.fields.isCompany')}
          checked={edit.isCompany}
          onChange={(e) => set('isCompany', e.currentTarget.checked)}
        />
        <Checkbox label={t('detail.fields.minor')} checked={edit.minor ?? false} onChange={(e) => set('minor', e.currentTarget.checked)} />
      </Group>
      <Group grow>
        {text('customerNumber')}
        <TextInput
          label={t('detail.fields.birthday')}
          placeholder={t('detail.fields.birthdayFormat')}
          value={birthdayText}
          onChange={(e) => typeBirthday(e.currentTarget.value)}
          onBlur={() => setBirthdayLeft(true)}
          error={birthdayWrong && birthdayLeft ? t('detail.fields.birthdayInvalid') : undefined}
        />
      </Group>
      <Group grow>
        <NativeSelect
          label={t('detail.fields.language')}
          value={edit.language}
          data={contactLanguages.map((value) => ({ value, label: t(`contacts.languages.${value}`) }))}
          onChange={(e) => set('language', e.currentTarget.value as ContactEdit['language'])}
        />
        <NativeSelect
          label={t('detail.fields.formal')}
          value={formalKey(edit.formal)}
          // "Automatisch" says what it gives this contact: Sie for a customer, Du for an employee.
          data={formalChoices.map(([value]) => ({
            value,
            label:
              value === 'auto'
                ? t('contacts.formal.autoAs', { formal: t(`contacts.formal.${formalByKind(edit.kind) ? 'formal' : 'informal'}`) })
                : t(`contacts.formal.${value}`),
          }))}
          onChange={(e) => set('formal', formalChoices.find(([key]) => key === e.currentTarget.value)![1])}
        />
      </Group>

      <Title order={3} size="h5">
        {t('detail.fields.phones')}
      </Title>
      {edit.phones.map((phone, index) => (
        <Group key={index} align="flex-end" wrap="nowrap">
          <TextInput
            label={t('detail.fields.number')}
            value={phone.raw}
            onChange={(e) =>
              set(
                'phones',
                edit.phones.map((p, i) => (i === index ? { ...p, raw: e.currentTarget.value } : p)),
              )
            }
            error={flaggedNumbers.has(phone.raw) ? t('detail.flaggedNumber') : undefined}
            style={{ flex: 2 }}
          />
          {/* Shown in words ("mobile" from a vCard reads "Mobil"); a word picked or typed is kept as its key. */}
          <Autocomplete
            label={t('detail.fields.label')}
            value={labelInWords(phone.label, t)}
            data={labelSuggestions}
            onChange={(text) =>
              set(
                'phones',
                edit.phones.map((p, i) => (i === index ? { ...p, label: text === '' ? null : labelFromWords(text, t) } : p)),
              )
            }
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('detail.remove')}
            onClick={() =>
              set(
                'phones',
                edit.phones.filter((_p, i) => i !== index),
              )
            }
            mb={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => set('phones', [...edit.phones, { raw: '', label: null }])}
        w="fit-content"
      >
        {t('detail.add')}
      </Button>

      <Title order={3} size="h5">
        {t('detail.fields.emails')}
      </Title>
      {edit.emails.map((email, index) => (
        <Group key={index} align="flex-end" wrap="nowrap">
          <TextInput
            type="email"
            label={t('detail.fields.emails')}
            value={email.address}
            onChange={(e) =>
              set(
                'emails',
                edit.emails.map((m, i) => (i === index ? { ...m, address: e.currentTarget.value.trim() } : m)),
              )
            }
            error={email.address && !isEmailAddress(email.address) ? t('detail.invalidEmail') : undefined}
            style={{ flex: 2 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('detail.remove')}
            onClick={() =>
              set(
                'emails',
                edit.emails.filter((_m, i) => i !== index),
              )
            }
            mb={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => set('emails', [...edit.emails, { address: '', label: null }])}
        w="fit-content"
      >
        {t('detail.add')}
      </Button>

      <Title order={3} size="h5">
        {t('detail.fields.addresses')}
      </Title>
      {edit.addresses.map((address, index) => {
        const change = (key: 'street' | 'postalCode' | 'city' | 'country', value: string) =>
          set(
            'addresses',
            edit.addresses.map((a, i) => (i === index ? { ...a, [key]: orNull(value) } : a)),
          );
        return (
          <Group key={index} align="flex-end" wrap="nowrap">
            <Textarea
              label={t('detail.fields.street')}
              value={address.street ?? ''}
              onChange={(e) => change('street', e.currentTarget.value)}
              autosize
              minRows={1}
              style={{ flex: 3 }}
            />
            <TextInput
              label={t('detail.fields.postalCode')}
              value={address.postalCode ?? ''}
              onChange={(e) => change('postalCode', e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <TextInput
              label={t('detail.fields.city')}
              value={address.city ?? ''}
              onChange={(e) => change('city', e.currentTarget.value)}
              style={{ flex: 2 }}
            />
            <TextInput
              label={t('detail.fields.country')}
              value={address.country ?? ''}
              onChange={(e) => change('country', e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('detail.remove')}
              onClick={() =>
                set(
                  'addresses',
                  edit.addresses.filter((_a, i) => i !== index),
                )
              }
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() =>
          set('addresses', [...edit.addresses, { street: null, postalCode: null, city: null, region: null, country: null, label: null }])
        }
        w="fit-content"
      >
        {t('detail.add')}
      </Button>

      <TagsInput label={t('detail.fields.tags')} value={edit.tags} onChange={(tags) => set('tags', tags)} data={allTags} clearable />
      <Textarea
        label={t('detail.fields.note')}
        value={edit.note ?? ''}
        onChange={(e) => set('note', orNull(e.currentTarget.value))}
        autosize
        minRows={2}
      />
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => {
            setEdit(stored);
            setBirthdayText(storedBirthday);
          }}
          disabled={!dirty || busy}
        >
          {t('detail.cancel')}
        </Button>
        <Button
          onClick={() =>
            onSave({
              ...edit,
              // A label is typed with its spaces; saved without those around it.
              phones: edit.phones.filter((p) => p.raw.trim()).map((p) => ({ ...p, label: p.label === null ? null : orNull(p.label) })),
              emails: edit.emails.filter((m) => m.address.trim()),
            })
          }
          disabled={!dirty || birthdayWrong}
          loading={busy}
        >
          {t('detail.save')}
        </Button>
      </Group>
    </Stack>
  );
}
