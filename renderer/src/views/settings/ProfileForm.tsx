import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Image,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { germanStates, mandatoryProfileFields, type Profile } from '../../../../shared/model/profile';
import { checkedProfileFields, checkProfile, type CheckedProfileField } from '../../../../shared/model/profile-checks';
import { messengers, purposes, type Messenger, type Purpose } from '../../../../shared/model/tracking-terms';
import { messengerFacts } from '../../../../shared/messengers/catalogue';
import { bytesToBase64 } from '../../base64';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SectionHeading } from '../../components/SectionHeading';
import { useProfile, useSaveProfile } from '../../queries/profile';
import { useUnsavedChanges } from '../../unsaved-changes';

type TextField =
  | 'name'
  | 'legalForm'
  | 'representative'
  | 'representativeRole'
  | 'seat'
  | 'registerCourt'
  | 'registerNumber'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'phone'
  | 'email'
  | 'website'
  | 'privacyUrl'
  | 'whatsappNumber';

const isChecked = (field: string): field is CheckedProfileField => (checkedProfileFields as readonly string[]).includes(field);
/** The input of a checked field, to take the office there when saving finds a problem. */
const inputId = (field: CheckedProfileField) => `profile-${field.replace('.', '-')}`;

/** Names typed one per line (blank lines dropped; the line being typed keeps its spaces until saved). */
const namesOf = (text: string) => text.split('\n').filter((line, index, lines) => line.trim() !== '' || index === lines.length - 1);

/** Einstellungen → Betrieb: what every consent letter says about the business (docs/consent-letter.md). */
export function ProfileForm() {
  const { t } = useTranslation();
  const loaded = useProfile();
  const saveProfile = useSaveProfile();
  const [draft, setDraft] = useState<Profile>();
  const [error, setError] = useState<string>();
  // A field's form is shown as wrong only once the office has left the field or tried to save.
  const [touched, setTouched] = useState<ReadonlySet<CheckedProfileField>>(new Set());
  const [triedToSave, setTriedToSave] = useState(false);
  useEffect(() => setDraft(loaded.data?.profile), [loaded.data]);
  const dirty = draft !== undefined && loaded.data !== undefined && JSON.stringify(draft) !== JSON.stringify(loaded.data.profile);
  useUnsavedChanges(dirty);

  if (loaded.error) return <ErrorNotice message={loaded.error.message} onRetry={() => void loaded.refetch()} />;
  if (!draft || !loaded.data) return <Loader aria-label={t('app.loading')} />;
  const missing = new Set<string>(loaded.data.missing);
  const { problems } = checkProfile(draft);
  const set = <K extends keyof Profile>(key: K, value: Profile[K]) => setDraft({ ...draft, [key]: value });
  /** What the input of a checked field needs: its id, the check when leaving it, and its problem once due. */
  const checked = (key: CheckedProfileField) => {
    const problem = problems[key];
    return {
      id: inputId(key),
      onBlur: () => setTouched((before) => new Set(before).add(key)),
      error: problem && (triedToSave || touched.has(key)) ? t(problem) : undefined,
    };
  };
  const field = (key: TextField, props: { w?: number | string; type?: string } = {}) => {
    const check = isChecked(key) ? checked(key) : undefined;
    return (
      <TextInput
        label={t(`profile.fields.${key}`)}
        value={draft[key]}
        onChange={(event) => set(key, event.currentTarget.value)}
        withAsterisk={(mandatoryProfileFields as readonly string[]).includes(key)}
        {...check}
        error={check?.error ?? (missing.has(key) && !draft[key].trim() ? t('profile.required') : undefined)}
        {...props}
      />
    );
  };

  const readLogo = async (file: File | null) => {
    if (!file) return;
    if (file.size > 500 * 1024) return setError(t('profile.logoTooLarge', { file: file.name }));
    setError(undefined);
    set('logo', `data:${file.type};base64,${bytesToBase64(new Uint8Array(await file.arrayBuffer()))}`);
  };

  const save = async () => {
    const firstProblem = checkedProfileFields.find((key) => problems[key]);
    if (firstProblem) {
      setTriedToSave(true);
      document.getElementById(inputId(firstProblem))?.focus();
      return;
    }
    await saveProfile.mutateAsync(draft).then(
      () => {
        setError(undefined);
        setTriedToSave(false);
        notifications.show({ color: 'teal', message: t('profile.saved') });
      },
      (failed: Error) => setError(failed.message),
    );
  };

  return (
    <Stack data-testid="profile-form">
      {loaded.data.missing.length > 0 ? (
        <Alert color="yellow" variant="light">
          {t('profile.missingIntro', { fields: loaded.data.missing.map((f) => t(`profile.fields.${f}`)).join(', ') })}
        </Alert>
      ) : (
        <Alert color="teal" variant="light">
          {t('profile.readyForLetters')}
        </Alert>
      )}
      <Title order={3} size="h4">
        {t('profile.sections.controller')}
      </Title>
      <SimpleGrid cols={2}>
        {field('name')}
        {field('legalForm')}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        {field('representative')}
        {field('representativeRole')}
      </SimpleGrid>
      <SimpleGrid cols={3}>
        {field('street')}
        {field('postalCode')}
        {field('city')}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        {field('phone')}
        {field('email', { type: 'email' })}
        {field('website')}
        {field('privacyUrl')}
      </SimpleGrid>
      <NativeSelect
        label={t('profile.fields.state')}
        withAsterisk
        value={draft.state ?? ''}
        data={[
          { value: '', label: t('profile.chooseState') },
          ...germanStates.map((value) => ({ value, label: t(`profile.states.${value}`) })),
        ]}
        onChange={(event) => set('state', (event.currentTarget.value || null) as Profile['state'])}
        error={missing.has('state') && !draft.state ? t('profile.required') : undefined}
      />
      <Group align="flex-end">
        <FileInput
          label={t('profile.logo')}
          description={t('profile.logoHint')}
          accept="image/png,image/jpeg,image/svg+xml"
          onChange={(file) => void readLogo(file)}
          clearable
          w={320}
        />
        {draft.logo && (
          <>
            <Image src={draft.logo} alt={t('profile.logo')} h={48} w="auto" fit="contain" />
            <Button variant="subtle" size="xs" onClick={() => set('logo', null)}>
              {t('profile.removeLogo')}
            </Button>
          </>
        )}
      </Group>
      <SectionHeading title={t('profile.sections.businessDetails')} hint={t('profile.businessDetailsHint')} />
      <SimpleGrid cols={3}>
        {field('seat')}
        {field('registerCourt')}
        {field('registerNumber')}
      </SimpleGrid>
      <Textarea
        label={t('profile.fields.managingDirectors')}
        description={t('profile.onePerLine')}
        autosize
        minRows={1}
        value={draft.managingDirectors.join('\n')}
        onChange={(event) => set('managingDirectors', namesOf(event.currentTarget.value))}
        error={missing.has('managingDirectors') && !draft.managingDirectors.some((name) => name.trim()) ? t('profile.required') : undefined}
      />
      <Checkbox
        label={t('profile.hasGeneralPartner')}
        checked={draft.generalPartner !== null}
        onChange={(event) =>
          set(
            'generalPartner',
            event.currentTarget.checked ? { name: '', seat: '', registerCourt: '', registerNumber: '', managingDirectors: [] } : null,
          )
        }
      />
      {draft.generalPartner && (
        <SimpleGrid cols={2}>
          {(['name', 'seat', 'registerCourt', 'registerNumber'] as const).map((key) => {
            const missingKey = `generalPartner${key[0]!.toUpperCase()}${key.slice(1)}`;
            return (
              <TextInput
                key={key}
                label={t(`profile.fields.${missingKey}`)}
                value={draft.generalPartner![key]}
                onChange={(event) => set('generalPartner', { ...draft.generalPartner!, [key]: event.currentTarget.value })}
                error={missing.has(missingKey) && !draft.generalPartner![key].trim() ? t('profile.required') : undefined}
              />
            );
          })}
          <Textarea
            label={t('profile.fields.generalPartnerManagingDirectors')}
            description={t('profile.onePerLine')}
            autosize
            minRows={1}
            value={draft.generalPartner.managingDirectors.join('\n')}
            onChange={(event) => set('generalPartner', { ...draft.generalPartner!, managingDirectors: namesOf(event.currentTarget.value) })}
            error={
              missing.has('generalPartnerManagingDirectors') && !draft.generalPartner.managingDirectors.some((name) => name.trim())
                ? t('profile.required')
                : undefined
            }
          />
        </SimpleGrid>
      )}
      <Title order={3} size="h4">
        {t('profile.sections.dpo')}
      </Title>
      <Checkbox
        label={t('profile.hasDpo')}
        checked={draft.dpo !== null}
        onChange={(event) => set('dpo', event.currentTarget.checked ? { name: '', email: '', address: '' } : null)}
      />
      {draft.dpo && (
        <SimpleGrid cols={3}>
          <TextInput
            label={t('profile.dpo.name')}
            value={draft.dpo.name}
            onChange={(event) => set('dpo', { ...draft.dpo!, name: event.currentTarget.value })}
          />
          <TextInput
            label={t('profile.dpo.email')}
            value={draft.dpo.email}
            onChange={(event) => set('dpo', { ...draft.dpo!, email: event.currentTarget.value })}
            {...checked('dpo.email')}
          />
          <TextInput
            label={t('profile.dpo.address')}
            value={draft.dpo.address}
            onChange={(event) => set('dpo', { ...draft.dpo!, address: event.currentTarget.value })}
          />
        </SimpleGrid>
      )}
      <Title order={3} size="h4">
        {t('profile.sections.whatsapp')}
      </Title>
      {field('whatsappNumber', { w: 300 })}
      <Checkbox.Group label={t('profile.purposes')} value={draft.purposes} onChange={(value) => set('purposes', value as Purpose[])}>
        <Group mt={6}>
          {purposes.map((purpose) => (
            <Checkbox key={purpose} value={purpose} label={t(`tracking.purposes.${purpose}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea
        label={t('profile.fields.retention')}
        withAsterisk
        value={draft.retention}
        onChange={(event) => set('retention', event.currentTarget.value)}
        autosize
        minRows={2}
        {...checked('retention')}
      />
      <Textarea
        label={t('profile.fields.retentionEn')}
        value={draft.retentionEn}
        onChange={(event) => set('retentionEn', event.currentTarget.value)}
        autosize
        minRows={2}
        {...checked('retentionEn')}
      />
      <SectionHeading title={t('profile.sections.messengers')} hint={t('profile.messengersHint')} />
      <SimpleGrid cols={2}>
        {messengers.map((messenger) => {
          const idPath = `messengers.${messenger}` as const;
          return (
            <Stack key={messenger} gap={4}>
              <TextInput
                label={t(`tracking.targets.${messenger}`)}
                description={t(`profile.messengerIds.${messenger}`)}
                value={draft.messengers[messenger] ?? ''}
                onChange={(event) => set('messengers', { ...draft.messengers, [messenger]: event.currentTarget.value || null })}
                {...(isChecked(idPath) ? checked(idPath) : {})}
              />
              <Textarea
                aria-label={t('profile.messengerText', { messenger: t(`tracking.targets.${messenger}`) })}
                placeholder={messengerFacts[messenger]}
                {...checked(`messengerTexts.${messenger}`)}
                value={draft.messengerTexts[messenger] ?? ''}
                onChange={(event) => set('messengerTexts', { ...draft.messengerTexts, [messenger]: event.currentTarget.value || null })}
                autosize
                minRows={2}
                size="xs"
              />
            </Stack>
          );
        })}
      </SimpleGrid>
      <NativeSelect
        label={t('profile.recommended')}
        value={draft.recommendedMessenger ?? ''}
        data={[
          { value: '', label: t('profile.noRecommendation') },
          ...messengers.map((value) => ({ value, label: t(`tracking.targets.${value}`) })),
        ]}
        onChange={(event) => set('recommendedMessenger', (event.currentTarget.value || null) as Messenger | null)}
        w={300}
      />
      {error && <ErrorNotice message={error} />}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          onClick={() => void save()}
          loading={saveProfile.isPending}
          disabled={!dirty}
        >
          {t('profile.save')}
        </Button>
      </Group>
    </Stack>
  );
}
