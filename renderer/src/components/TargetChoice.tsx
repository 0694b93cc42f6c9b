import { Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { targets, type Messenger, type Target } from '../../../shared/model/tracking-terms';

/**
 * Asks where an invitation should lead, for a contact without a target: nothing is invented. The
 * business's recommended messenger is pre-selected as a suggestion; the choice is stored with the
 * invitation once it is recorded. `extra` holds the run's "Überspringen".
 */
export function TargetChoice({
  suggested,
  onChoose,
  extra,
}: {
  suggested: Messenger | null;
  onChoose: (target: Target) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target | null>(suggested);
  const label = (value: Target) =>
    value === suggested ? t('invite.chooseTarget.suggested', { target: t(`tracking.targets.${value}`) }) : t(`tracking.targets.${value}`);
  return (
    <Stack gap="xs" data-testid="choose-target">
      <Title order={4} size="h5">
        {t('invite.chooseTarget.title')}
      </Title>
      <Text size="sm">{t('invite.chooseTarget.intro')}</Text>
      <Radio.Group value={target} onChange={(value) => setTarget(value as Target)} aria-label={t('invite.chooseTarget.title')}>
        <Stack gap={6}>
          {targets.map((value) => (
            <Radio key={value} value={value} label={label(value)} />
          ))}
        </Stack>
      </Radio.Group>
      <Group>
        <Button onClick={() => target && onChoose(target)} disabled={!target} w="fit-content">
          {t('invite.chooseTarget.next')}
        </Button>
        {extra}
      </Group>
    </Stack>
  );
}

/** The target chosen for this invitation, with the way back to the question. */
export function ChosenTarget({ target, onChange }: { target: Target; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Text size="sm" data-testid="chosen-target">
        {t('invite.chooseTarget.chosen', { target: t(`tracking.targets.${target}`) })}
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={onChange}>
        {t('invite.chooseTarget.change')}
      </Button>
    </Group>
  );
}
