import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

const accept = '.vcf,.vcard,.csv,.txt,.tsv,.xlsx,.zip,text/vcard,text/csv,text/plain';

/** The drop area of the import page (files can also be dropped anywhere on the window) and a file picker. */
export function FilePicker({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Paper withBorder p="xl" radius="md" style={{ borderStyle: 'dashed', borderWidth: 2 }} data-testid="import-dropzone">
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconUpload size={28} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{t('import.drop')}</Text>
        <Text size="sm" c="dimmed">
          {t('import.dropHint')}
        </Text>
        <Button onClick={() => input.current?.click()}>{t('import.choose')}</Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={accept}
          hidden
          aria-label={t('import.choose')}
          data-testid="import-file-input"
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
