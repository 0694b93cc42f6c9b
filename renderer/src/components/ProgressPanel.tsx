import { Paper, Progress, Stack, Text } from '@mantine/core';

/** Anything that takes longer than a moment: what is happening, and how far it is. */
export function ProgressPanel({ label, percent }: { label: string; percent: number | null }) {
  return (
    <Paper withBorder p="xl" maw={640}>
      <Stack gap="sm">
        <Text fw={500} aria-live="polite">
          {label}
        </Text>
        <Progress
          value={percent ?? 100}
          animated={percent === null}
          striped={percent === null}
          size="lg"
          aria-label={label}
          role="progressbar"
          aria-valuenow={percent ?? undefined}
          aria-valuemin={0}
          aria-valuemax={100}
        />
      </Stack>
    </Paper>
  );
}
