import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { legacyEncodings, type ImportFileSummary, type LegacyEncoding } from '../../../../shared/model/import';

const AUTOMATIC = 'auto';

/**
 * For text that was not UTF-8 and named no charset: the guess (windows-1252, or Shift_JIS) may garble
 * Polish or Czech names, so the user can say which character set the file was written in.
 */
export function EncodingChoice({
  file,
  busy,
  onChange,
}: {
  file: ImportFileSummary;
  busy: boolean;
  onChange: (encoding: LegacyEncoding | null) => void;
}) {
  const { t } = useTranslation();
  if (!file.encodingChoice) return null;
  const chosen = file.encodingChoice.chosen;
  const guess = chosen ? null : legacyEncodings.find((encoding) => (file.encoding ?? '').split('+').includes(encoding));
  const options = [
    { value: AUTOMATIC, label: t('import.encoding.auto', { guess: guess ? t(`import.encoding.names.${guess}`) : '–' }) },
    ...legacyEncodings.map((encoding) => ({ value: encoding, label: t(`import.encoding.names.${encoding}`) })),
  ];
  return (
    <Stack gap={4} maw={560}>
      <Select
        label={t('import.encoding.label')}
        data={options}
        value={chosen ?? AUTOMATIC}
        allowDeselect={false}
        disabled={busy}
        onChange={(value) => value && onChange(value === AUTOMATIC ? null : (value as LegacyEncoding))}
      />
      <Text size="xs" c="dimmed">
        {t('import.encoding.hint')}
      </Text>
    </Stack>
  );
}
