import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useRef } from 'react';

/**
 * A page's place to drop files (they may be dropped anywhere on the window too, see file-drop.tsx)
 * and its button to choose them.
 */
export function FileDropZone({
  title,
  hint,
  buttonLabel,
  accept,
  multiple = false,
  loading = false,
  testId,
  inputTestId,
  onFiles,
}: {
  title: string;
  hint: string;
  buttonLabel: string;
  accept: string;
  multiple?: boolean;
  loading?: boolean;
  testId?: string;
  inputTestId: string;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Paper withBorder p="xl" radius="md" style={{ borderStyle: 'dashed', borderWidth: 2 }} data-testid={testId}>
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconUpload size={28} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Button onClick={() => input.current?.click()} loading={loading}>
          {buttonLabel}
        </Button>
        <input
          ref={input}
          type="file"
          multiple={multiple}
          accept={accept}
          hidden
          aria-label={buttonLabel}
          data-testid={inputTestId}
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            onFiles(files);
          }}
        />
      </Stack>
    </Paper>
  );
}
