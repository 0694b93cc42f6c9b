import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileExport } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactExportFormat } from '../../../../shared/contract/export';
import type { ContactFilter, Selection } from '../../../../shared/model/contact';
import { saveFile } from '../../download';
import { toldAlready } from '../../queries/client';
import { useExportContacts } from '../../queries/dashboard';

const mimeTypes: Record<ContactExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

interface Props {
  /** The list's filter as it stands: "this view" exports exactly what the list shows. */
  filter: ContactFilter;
  /** How many contacts the list shows. */
  shown: number;
  /** Whether a filter narrows the list (otherwise "this view" is everyone and not offered twice). */
  filtered: boolean;
  /** The contacts ticked in the table, if any. */
  selection: Selection | null;
  selected: number;
}

/** "Exportieren": the contact list as an Excel or CSV file, for everyone, this view, or the ticked contacts. */
export function ExportMenu({ filter, shown, filtered, selection, selected }: Props) {
  const { t } = useTranslation();
  const exported = useExportContacts();
  const save = (format: ContactExportFormat, chosen: Selection) =>
    exported.mutateAsync({ format, selection: chosen }).then(({ fileName, data, count }) => {
      saveFile(fileName, data, mimeTypes[format]);
      notifications.show({ color: 'teal', message: t('contacts.export.done', { count, file: fileName }) });
    }, toldAlready);
  const scopes: { key: string; label: string; selection: Selection }[] = [
    { key: 'all', label: t('contacts.export.all'), selection: { filter: { search: '' } } },
    ...(filtered ? [{ key: 'filtered', label: t('contacts.export.filtered', { count: shown }), selection: { filter } }] : []),
    ...(selection && selected > 0 ? [{ key: 'selected', label: t('contacts.export.selected', { count: selected }), selection }] : []),
  ];
  return (
    <Menu position="bottom-end" width={320}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconFileExport size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={exported.isPending}
          style={{ flex: 'none' }}
        >
          {t('contacts.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(['xlsx', 'csv'] as const).map((format, index) => (
          <Fragment key={format}>
            {index > 0 && <Menu.Divider />}
            <Menu.Label>{t(`contacts.export.${format === 'xlsx' ? 'excel' : 'csv'}`)}</Menu.Label>
            {scopes.map((scope) => (
              <Menu.Item key={scope.key} data-testid={`export-${format}-${scope.key}`} onClick={() => void save(format, scope.selection)}>
                {scope.label}
              </Menu.Item>
            ))}
          </Fragment>
        ))}
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4}>
          {t('contacts.export.hint')}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
