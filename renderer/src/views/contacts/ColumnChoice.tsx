import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { sortColumns } from '../../../../shared/model/contact';
import { defaultColumns, tableColumns } from './ContactsTable';

type Column = (typeof sortColumns)[number];

const STORAGE_KEY = 'umzugshelfer.contactColumns';

/** The columns this computer showed last (a choice of the person at it, not of the business), else the defaults. */
function storedColumns(): Column[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(stored)) {
      const known = tableColumns.map((column) => column.key).filter((key) => stored.includes(key));
      if (known.includes('name')) return known;
    }
  } catch {
    // A value another version wrote: the defaults.
  }
  return [...defaultColumns];
}

/** The columns shown, kept on this computer. */
export function useShownColumns(): [Column[], (columns: Column[]) => void] {
  const [shown, setShown] = useState<Column[]>(storedColumns);
  const choose = (columns: Column[]) => {
    setShown(columns);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  };
  return [shown, choose];
}

/** "Spalten": which columns the table shows (real checkboxes in a popover); the name always. */
export function ColumnChoice({ shown, onChange }: { shown: readonly Column[]; onChange: (columns: Column[]) => void }) {
  const { t } = useTranslation();
  const keep = (chosen: string[]) =>
    onChange(tableColumns.map((column) => column.key).filter((key) => key === 'name' || chosen.includes(key)));
  return (
    <Popover position="bottom-end" width={220} trapFocus shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} aria-hidden />}>
          {t('contacts.columnChoice')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Checkbox.Group label={t('contacts.columnChoiceLabel')} value={[...shown]} onChange={keep}>
            <Stack gap={6} mt="xs">
              {tableColumns.map((column) => (
                <Checkbox
                  key={column.key}
                  value={column.key}
                  label={t(`contacts.columns.${column.label}`)}
                  disabled={column.key === 'name'}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([...defaultColumns])}>
            {t('contacts.columnDefaults')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
