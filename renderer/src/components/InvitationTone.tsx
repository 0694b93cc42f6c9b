import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formalKey, type ContactLanguage } from '../../../shared/model/contact-terms';

/** Which language and Du or Sie an invitation is written in (set per contact under Angaben). */
export function InvitationTone({ language, formal }: { language: ContactLanguage; formal: boolean }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="invite-tone">
      {t('invite.tone', { language: t(`contacts.languages.${language}`), formal: t(`contacts.formal.${formalKey(formal)}`) })}
    </Text>
  );
}
