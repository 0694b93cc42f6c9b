import { Alert, Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactFilter, ContactView, sortColumns } from '../../../../shared/model/contact';
import type { Stage, Target } from '../../../../shared/model/tracking';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useContactTags } from '../../queries/contacts';
import { useImportHistory } from '../../queries/imports';
import { useSettings } from '../../queries/settings';
import { useSelectionHandoff } from '../../selection-handoff';
import { BulkBar } from './BulkBar';
import { ContactDetailDrawer } from './ContactDetailDrawer';
import { ContactsEmptyState } from './ContactsEmptyState';
import { ColumnChoice, useShownColumns } from './ColumnChoice';
import { ContactsTable, type ContactsTableHandle } from './ContactsTable';
import { ContactsToolbar, emptyFilters, type Filters } from './ContactsToolbar';
import { NewContactModal } from './NewContactModal';
import { ExportMenu } from './ExportMenu';
import { useContactPages } from './useContactPages';
import { useSelection } from './useSelection';

interface Props {
  /** Only the contacts of this import ("show the imported contacts"). */
  importId?: number;
  /** A next-step list of the overview. */
  view?: ContactView;
  onImport: () => void;
  onClearFilter: () => void;
  onInvite: () => void;
  onLetters: () => void;
}

function ImportFilter({ importId, onClear }: { importId: number; onClear: () => void }) {
  const { t } = useTranslation();
  const history = useImportHistory();
  const file = history.data?.find((record) => record.id === importId)?.file ?? '…';
  return (
    <Alert color="blue" variant="light" py="xs">
      <Group justify="space-between">
        <Text size="sm">{t('contacts.filteredByImport', { file })}</Text>
        <Anchor component="button" size="sm" onClick={onClear}>
          {t('contacts.clearFilter')}
        </Anchor>
      </Group>
    </Alert>
  );
}

export function ContactsView({ importId, view, onImport, onClearFilter, onInvite, onLetters }: Props) {
  const { t } = useTranslation();
  const { data: settings } = useSettings();
  const handoff = useSelectionHandoff();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const patchFilters = useCallback((change: Partial<Filters>) => setFilters((current) => ({ ...current, ...change })), []);
  const [sort, setSort] = useState<(typeof sortColumns)[number]>('name');
  const [descending, setDescending] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const openNew = useCallback(() => setCreating(true), []);
  const search = useRef<HTMLInputElement>(null);
  const table = useRef<ContactsTableHandle>(null);
  const [shownColumns, setShownColumns] = useShownColumns();

  const filter: ContactFilter = useMemo(
    () => ({
      search: filters.search,
      ...(filters.stages.length ? { stages: filters.stages as Stage[] } : {}),
      ...(filters.targets.length ? { targets: filters.targets as (Target | 'none')[] } : {}),
      ...(filters.kinds.length ? { kinds: filters.kinds as ContactFilter['kinds'] } : {}),
      ...(filters.languages.length ? { languages: filters.languages as ContactFilter['languages'] } : {}),
      ...(filters.tag ? { tag: filters.tag } : {}),
      ...(filters.duplicates ? { duplicates: true } : {}),
      ...(importId ? { importId } : {}),
      ...(view ? { view } : {}),
    }),
    [filters, importId, view],
  );
  const pages = useContactPages({ ...filter, sort, descending });
  const tags = useContactTags();
  const tagList = useMemo(() => tags.data ?? [], [tags.data]);
  const selection = useSelection(JSON.stringify(filter), pages.total ?? 0);
  useHotkeys([
    ['mod+F', () => search.current?.focus()],
    ['/', () => search.current?.focus()],
  ]);

  const onSort = useCallback(
    (column: (typeof sortColumns)[number]) => {
      if (column === sort) setDescending(!descending);
      else {
        setSort(column);
        setDescending(false);
      }
    },
    [sort, descending],
  );

  const handTo = (go: () => void) => {
    const chosen = selection.asSelection(filter);
    if (chosen) handoff.hand(chosen, selection.count);
    go();
  };

  // "Neuer Kontakt" and one contact's detail: on the empty page as on the table.
  const dialogs = (
    <>
      <NewContactModal
        opened={creating}
        onClose={() => setCreating(false)}
        onOpen={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
      <ContactDetailDrawer
        contactId={openId}
        onClose={() => {
          setOpenId(null);
          table.current?.focus();
        }}
      />
    </>
  );

  if (pages.error) return <ErrorNotice message={pages.error} onRetry={pages.retry} />;
  if (pages.total === null) return <Loader aria-label={t('app.loading')} />;
  const filtered = JSON.stringify(filter) !== JSON.stringify({ search: '' });
  if (pages.total === 0 && !filtered) {
    return (
      <Stack>
        <Title order={2}>{t('contacts.title')}</Title>
        <ContactsEmptyState onImport={onImport} onNew={openNew} />
        {dialogs}
      </Stack>
    );
  }
  const chosen = selection.asSelection(filter);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t('contacts.title')}</Title>
        <Text c="dimmed" data-testid="contacts-total">
          {t('contacts.count', { count: pages.total })}
        </Text>
      </Group>
      {importId && <ImportFilter importId={importId} onClear={onClearFilter} />}
      {view && settings && (
        <Alert color="blue" variant="light" py="xs">
          <Group justify="space-between">
            <Text size="sm">
              {t(`contacts.views.${view}`, {
                days: view === 'letter_overdue' ? settings.letterReminderDays : settings.invitationReminderDays,
              })}
            </Text>
            <Anchor component="button" size="sm" onClick={onClearFilter}>
              {t('contacts.clearFilter')}
            </Anchor>
          </Group>
        </Alert>
      )}
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <ContactsToolbar ref={search} filters={filters} tags={tagList} onPatch={patchFilters} onNew={openNew} />
        <Group gap="sm" wrap="nowrap">
          <ColumnChoice shown={shownColumns} onChange={setShownColumns} />
          <ExportMenu filter={filter} shown={pages.total} filtered={filtered} selection={chosen} selected={selection.count} />
        </Group>
      </Group>
      {chosen && selection.count > 0 && (
        <BulkBar
          count={selection.count}
          selection={chosen}
          tags={tagList}
          onClear={selection.clear}
          onInvite={() => handTo(onInvite)}
          onLetters={() => handTo(onLetters)}
        />
      )}
      {pages.total === 0 ? (
        <Text c="dimmed">{filters.search ? t('contacts.noMatches', { search: filters.search }) : t('contacts.noFilterMatches')}</Text>
      ) : (
        <ContactsTable
          ref={table}
          total={pages.total}
          busy={pages.busy}
          row={pages.row}
          ensure={pages.ensure}
          isSelected={selection.isSelected}
          allSelected={selection.allSelected}
          someSelected={selection.count > 0}
          onToggle={(index, id, range) => selection.toggle(index, id, range, pages.row)}
          onToggleAll={selection.toggleAll}
          onOpen={setOpenId}
          sort={sort}
          descending={descending}
          onSort={onSort}
          shown={shownColumns}
        />
      )}
      {dialogs}
    </Stack>
  );
}
