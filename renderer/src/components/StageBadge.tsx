import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../shared/model/tracking';

export const stageColors: Record<Stage, string> = {
  new: 'gray',
  invited: 'blue',
  switched: 'teal',
  consent_requested: 'yellow',
  consent_given: 'green',
  consent_refused: 'orange',
  consent_withdrawn: 'red',
  phone_email_only: 'violet',
};

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <Badge color={stageColors[stage]} variant="light" tt="none" radius="sm">
      {t(`tracking.stages.${stage}`)}
    </Badge>
  );
}
