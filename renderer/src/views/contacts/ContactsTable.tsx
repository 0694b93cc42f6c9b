import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBrandWhatsapp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ContactRow, sortColumns } from '../../../../shared/model/contact';
import { formatDate } from '../../format';
import { stageColors } from '../../components/StageBadge';
import type { Stage } from '../../../../shared/model/tracking';
import classes from './ContactsTable.module.css';

type SortColumn = (typeof sortColumns)[number];

const ROW_HEIGHT = 44;

/**
 * The table's columns in order, each with its width. The ones that matter for the way off WhatsApp
 * (name, company, stage, target, on WhatsApp) are shown by default and fit a 1366 × 768 screen beside
 * the navigation; kind, number and last change are there on demand (ColumnChoice).
 */
export const tableColumns: { key: SortColumn; label: string; width: string; byDefault: boolean }[] = [
  { key: 'name', label: 'name', width: 'minmax(160px, 2fr)', byDefault: true },
  { key: 'organization', label: 'organization', width: 'minmax(120px, 1.5fr)', byDefault: true },
  { key: 'kind', label: 'kind', width: '100px', byDefault: false },
  { key: 'mobile', label: 'phone', width: '150px', byDefault: false },
  { key: 'target', label: 'target', width: 'minmax(120px, 1fr)', byDefault: true },
  { key: 'stage', label: 'stage', width: '170px', byDefault: true },
  { key: 'updatedAt', label: 'updatedAt', width: '100px', byDefault: false },
  { key: 'whatsapp', label: 'whatsapp', width: '130px', byDefault: true },
];
export const defaultColumns: readonly SortColumn[] = tableColumns.filter((column) => column.byDefault).map((column) => column.key);

/** The grid's columns: the checkbox, then the columns shown. */
const gridTemplate = (shown: readonly SortColumn[]) =>
  ['44px', ...tableColumns.filter((column) => shown.includes(column.key)).map((column) => column.width)].join(' ');

interface Props {
  total: number;
  /** Rows for a new search or filter are on their way. */
  busy: boolean;
  row: (index: number) => ContactRow | undefined;
  ensure: (start: number, end: number) => void;
  isSelected: (id: number) => boolean;
  allSelected: boolean;
  someSelected: boolean;
  onToggle: (index: number, id: number, range: boolean) => void;
  onToggleAll: () => void;
  onOpen: (id: number) => void;
  /** The columns shown (defaultColumns unless the office chose others). */
  shown: readonly SortColumn[];
  sort: SortColumn;
  descending: boolean;
  onSort: (column: SortColumn) => void;
}

const stageStyles = Object.fromEntries(
  Object.entries(stageColors).map(([stage, color]) => [
    stage,
    {
      '--stage-color': `var(--mantine-color-${color}-light-color)`,
      '--stage-background': `var(--mantine-color-${color}-light)`,
    } as CSSProperties,
  ]),
) as Record<Stage, CSSProperties>;

interface RowProps {
  shown: readonly SortColumn[];
  index: number;
  start: number;
  contact: ContactRow | undefined;
  selected: boolean;
  active: boolean;
  t: TFunction;
  language: string;
  onOpen: (index: number, id: number) => void;
  onToggle: (event: MouseEvent, index: number, id: number) => void;
}

/**
 * One row, drawn with plain elements and memoised: 40 rows of full components cost more time than
 * the search itself. Re-rendered only when its contact, selection, focus or language changes.
 */
const Row = memo(function Row({ shown, index, start, contact, selected, active, t, language, onOpen, onToggle }: RowProps) {
  const className = `${classes.row} ${active ? classes.active : ''} ${selected ? classes.selected : ''}`;
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT, gridTemplateColumns: gridTemplate(shown) };
  if (!contact) {
    return (
      <div id={`contact-row-${index}`} role="row" aria-rowindex={index + 2} className={className} style={style}>
        <div role="gridcell" className={classes.placeholder} />
      </div>
    );
  }
  return (
    <div
      id={`contact-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={style}
      onClick={() => onOpen(index, contact.id)}
    >
      <div role="gridcell" className={classes.check} onClick={(event) => onToggle(event, index, contact.id)}>
        <input
          type="checkbox"
          className={classes.checkbox}
          aria-label={t('contacts.selection.selectRow', { name: contact.displayName })}
          checked={selected}
          readOnly
          tabIndex={-1}
        />
      </div>
      {shown.includes('name') && (
        <div role="gridcell" className={`${classes.cell} ${classes.name}`}>
          {contact.displayName}
        </div>
      )}
      {shown.includes('organization') && (
        <div role="gridcell" className={classes.cell}>
          {contact.organization}
        </div>
      )}
      {shown.includes('kind') && (
        <div role="gridcell" className={classes.cell}>
          {t(`contacts.kinds.${contact.kind}`)}
        </div>
      )}
      {shown.includes('mobile') && (
        <div role="gridcell" className={`${classes.cell} ${classes.number}`}>
          {contact.mobile}
        </div>
      )}
      {shown.includes('target') && (
        <div role="gridcell" className={classes.cell}>
          {contact.target ? t(`tracking.targets.${contact.target}`) : ''}
        </div>
      )}
      {shown.includes('stage') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.stage} style={stageStyles[contact.stage]}>
            {t(`tracking.stages.${contact.stage}`)}
          </span>
        </div>
      )}
      {shown.includes('updatedAt') && (
        <div role="gridcell" className={classes.cell}>
          {formatDate(contact.updatedAt, language)}
        </div>
      )}
      {shown.includes('whatsapp') && (
        <div role="gridcell" className={classes.cell}>
          {contact.onWhatsapp && (
            <span className={classes.whatsapp}>
              <IconBrandWhatsapp size={16} aria-hidden />
              {contact.whatsappLastMessageAt
                ? t('contacts.whatsappSince', { date: formatDate(contact.whatsappLastMessageAt, language) })
                : t('tracking.yes')}
            </span>
          )}
        </div>
      )}
    </div>
  );
});

/** The header's checkbox, native like the rows' (the same look), with the "some selected" state. */
function SelectAllCheckbox({
  label,
  checked,
  indeterminate,
  onToggle,
}: {
  label: string;
  checked: boolean;
  indeterminate: boolean;
  onToggle: () => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={box} type="checkbox" className={classes.checkbox} aria-label={label} checked={checked} onChange={onToggle} />;
}

export interface ContactsTableHandle {
  focus: () => void;
}

/**
 * The contact table: only the rows in view are in the page (a list of 50,000 stays smooth), as an
 * ARIA grid that arrow keys move through, Enter opens and Space selects.
 */
export const ContactsTable = forwardRef<ContactsTableHandle, Props>(function ContactsTable(props, ref) {
  const { t, i18n } = useTranslation();
  const { total, row, ensure, isSelected, onToggle, onOpen, sort, descending, onSort, shown } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useImperativeHandle(ref, () => ({ focus: () => scroller.current?.focus() }), []);
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);
  useEffect(() => setActive((current) => Math.min(current, Math.max(0, total - 1))), [total]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const current = row(active);
    switch (event.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + page);
        break;
      case 'PageUp':
        move(active - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter':
        if (current) onOpen(current.id);
        break;
      case ' ':
        if (current) onToggle(active, current.id, event.shiftKey);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Stable callbacks, so that a keystroke in the search box does not re-render every row.
  const latest = useRef({ onOpen, onToggle });
  latest.current = { onOpen, onToggle };
  const openRow = useCallback((index: number, id: number) => {
    setActive(index);
    latest.current.onOpen(id);
  }, []);
  const toggleRow = useCallback((event: MouseEvent, index: number, id: number) => {
    event.stopPropagation();
    setActive(index);
    latest.current.onToggle(index, id, event.shiftKey);
  }, []);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="grid"
      aria-label={t('contacts.tableLabel')}
      aria-rowcount={total + 1}
      aria-multiselectable
      aria-busy={props.busy}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={total > 0 ? `contact-row-${active}` : undefined}
      data-testid="contacts-grid"
    >
      <div className={`${classes.row} ${classes.header}`} role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridTemplate(shown) }}>
        <div role="columnheader" className={classes.check}>
          <SelectAllCheckbox
            label={t('contacts.selection.selectAllLabel')}
            checked={props.allSelected}
            indeterminate={!props.allSelected && props.someSelected}
            onToggle={props.onToggleAll}
          />
        </div>
        {tableColumns
          .filter((column) => shown.includes(column.key))
          .map((column) => (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={sort === column.key ? (descending ? 'descending' : 'ascending') : 'none'}
              className={classes.cell}
            >
              <UnstyledButton onClick={() => onSort(column.key)} className={classes.sortButton}>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" fw={600} truncate>
                    {t(`contacts.columns.${column.label}`)}
                  </Text>
                  {sort === column.key && (descending ? <IconArrowDown size={14} aria-hidden /> : <IconArrowUp size={14} aria-hidden />)}
                </Group>
              </UnstyledButton>
            </div>
          ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const contact = row(item.index);
          return (
            <Row
              shown={shown}
              key={item.key}
              index={item.index}
              start={item.start}
              contact={contact}
              selected={contact ? isSelected(contact.id) : false}
              active={item.index === active}
              t={t}
              language={i18n.language}
              onOpen={openRow}
              onToggle={toggleRow}
            />
          );
        })}
      </div>
    </div>
  );
});
