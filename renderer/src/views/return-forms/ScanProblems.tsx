import { Alert, List, ScrollArea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ScanProblem } from './scan-files';

/** Files and pages that were not read, each in a sentence naming the file (and the page); numbers as the language writes them (29,7 cm). */
export function ScanProblems({ problems }: { problems: ScanProblem[] }) {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  const format = (value: string | number) => (typeof value === 'number' ? value.toLocaleString(i18n.language) : value);
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('returnFormsView.notReadTitle', { count: problems.length })}
      data-testid="scan-problems"
    >
      {/* A stack with many broken pages lists them all, without pushing the review out of sight. */}
      <ScrollArea.Autosize mah={160} type="auto">
        <List size="sm" spacing={4}>
          {problems.map((problem, index) => (
            <List.Item key={index}>
              {t(problem.key, Object.fromEntries(Object.entries(problem.vars).map(([name, value]) => [name, format(value)])))}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </Alert>
  );
}
