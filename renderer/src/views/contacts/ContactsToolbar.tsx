import { Button, Checkbox, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { forwardRef, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { contactKinds, contactLanguages } from '../../../../shared/model/contact-terms';
import { stages, targets } from '../../../../shared/model/tracking-terms';

export interface Filters {
  search: string;
  stages: string[];
  targets: string[];
  kinds: string[];
  languages: string[];
  tag: string | null;
  /** Only contacts with a possible duplicate still to decide. */
  duplicates: boolean;
}

export const emptyFilters: Filters = { search: '', stages: [], targets: [], kinds: [], languages: [], tag: null, duplicates: false };

type Patch = (change: Partial<Filters>) => void;

/** A filter of several choices; "any" stands in it while none is chosen. */
function ChoiceFilter({
  label,
  options,
  chosen,
  onChange,
  width,
}: {
  label: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (value: string[]) => void;
  width: number;
}) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={label}
      placeholder={chosen.length ? undefined : t('contacts.filters.any')}
      data={options}
      value={chosen}
      onChange={onChange}
      clearable
      w={width}
    />
  );
}

/** The filter fields; memoised, so that typing in the search box does not redraw them. */
const FilterFields = memo(function FilterFields({
  stages: chosenStages,
  targets: chosenTargets,
  kinds,
  languages,
  tag,
  duplicates,
  tags,
  onPatch,
}: Omit<Filters, 'search'> & { tags: string[]; onPatch: Patch }) {
  const { t } = useTranslation();
  const active = chosenStages.length + chosenTargets.length + kinds.length + languages.length + (tag ? 1 : 0) + (duplicates ? 1 : 0) > 0;
  return (
    <>
      <ChoiceFilter
        label={t('contacts.filters.stage')}
        options={stages.map((value) => ({ value, label: t(`tracking.stages.${value}`) }))}
        chosen={chosenStages}
        onChange={(value) => onPatch({ stages: value })}
        width={190}
      />
      <ChoiceFilter
        label={t('contacts.filters.target')}
        options={[...targets, 'none'].map((value) => ({ value, label: t(`tracking.targets.${value}`) }))}
        chosen={chosenTargets}
        onChange={(value) => onPatch({ targets: value })}
        width={190}
      />
      <ChoiceFilter
        label={t('contacts.filters.kind')}
        options={contactKinds.map((value) => ({ value, label: t(`contacts.kinds.${value}`) }))}
        chosen={kinds}
        onChange={(value) => onPatch({ kinds: value })}
        width={170}
      />
      <ChoiceFilter
        label={t('contacts.filters.language')}
        options={contactLanguages.map((value) => ({ value, label: t(`contacts.languages.${value}`) }))}
        chosen={languages}
        onChange={(value) => onPatch({ languages: value })}
        width={140}
      />
      {tags.length > 0 && (
        <Select
          label={t('contacts.filters.tag')}
          placeholder={t('contacts.filters.any')}
          data={tags}
          value={tag}
          onChange={(value) => onPatch({ tag: value })}
          clearable
          w={180}
        />
      )}
      <Checkbox
        label={t('contacts.filters.duplicates')}
        checked={duplicates}
        onChange={(event) => onPatch({ duplicates: event.currentTarget.checked })}
        mb={8}
      />
      {active && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onPatch({ stages: [], targets: [], kinds: [], languages: [], tag: null, duplicates: false })}
        >
          {t('contacts.filters.clear')}
        </Button>
      )}
    </>
  );
});

/** `onNew`: "Neuer Kontakt" (the contact form, empty). */
type ToolbarProps = { filters: Filters; tags: string[]; onPatch: Patch; onNew: () => void };

/** Search box and filters of the contact table. `onPatch` must keep its identity (a state setter). */
export const ContactsToolbar = forwardRef<HTMLInputElement, ToolbarProps>(function ContactsToolbar(
  { filters, tags, onPatch, onNew },
  searchRef,
) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        ref={searchRef}
        type="search"
        role="searchbox"
        aria-label={t('contacts.searchLabel')}
        placeholder={t('contacts.searchPlaceholder')}
        title={t('contacts.searchShortcut')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={filters.search}
        onChange={(event) => onPatch({ search: event.currentTarget.value })}
        w={256}
      />
      <FilterFields
        stages={filters.stages}
        targets={filters.targets}
        kinds={filters.kinds}
        languages={filters.languages}
        tag={filters.tag}
        duplicates={filters.duplicates}
        tags={tags}
        onPatch={onPatch}
      />
      <Button ml="auto" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={onNew}>
        {t('contacts.new')}
      </Button>
    </Group>
  );
});
