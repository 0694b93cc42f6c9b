import { Autocomplete, Button, Group, List, Loader, Menu, Modal, Paper, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconMail, IconSend, IconTag, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../../shared/contract';
import type { BulkActionInput } from '../../../../shared/contract/contacts';
import { contactLanguages, formalChoices } from '../../../../shared/model/contact-terms';
import type { Selection } from '../../../../shared/model/contact';
import { targets, type Stage } from '../../../../shared/model/tracking-terms';
import { send } from '../../api';
import { StageChangeModal, stageNeedsDetails } from '../../components/StageChangeModal';
import { notifyFailure, toldAlready } from '../../queries/client';
import { useBulkAction, useUndoBulk } from '../../queries/contacts';
import { ConsentForm } from './ConsentForm';

type StageOption = RequestOutput<'contacts.stageOptions'>['steps'][number];
type BulkOutcome = RequestOutput<'contacts.bulk'>;

interface Props {
  count: number;
  selection: Selection;
  /** Tags in use, offered when tagging. */
  tags: string[];
  onClear: () => void;
  onInvite: () => void;
  onLetters: () => void;
}

/** A button that opens a menu of one kind of change. */
function BulkMenu({ label, children, onOpen }: { label: string; children: ReactNode; onOpen?: () => void }) {
  return (
    <Menu onOpen={onOpen}>
      <Menu.Target>
        <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}

/** The notification of the latest bulk action: only its undo button stays on screen. */
let latestNotification: string | null = null;

/** What can be done to the selected contacts at once; every action can be undone right after. */
export function BulkBar({ count, selection, tags, onClear, onInvite, onLetters }: Props) {
  const { t } = useTranslation();
  const bulk = useBulkAction();
  const undoBulk = useUndoBulk();
  const [stage, setStage] = useState<Stage | null>(null);
  const [tag, setTag] = useState('');
  const [tagMode, setTagMode] = useState<'addTag' | 'removeTag' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const [options, setOptions] = useState<{ count: number; steps: StageOption[] } | null>(null);
  const [partial, setPartial] = useState<StageOption | null>(null);
  const [recording, setRecording] = useState(false);

  /**
   * What a bulk action did; an undo only when something changed ("0 changed" with an undo helps nobody).
   * `undoneKey` words the undo's result: a delete undone brings contacts back, it resets nothing.
   */
  const report = (
    { operationId, changed, skipped, skippedReasons }: BulkOutcome,
    doneText?: string,
    undoneKey: 'contacts.bulk.undone' | 'contacts.bulk.undeleted' = 'contacts.bulk.undone',
  ) => {
    const id = `bulk-${operationId}`;
    if (latestNotification) notifications.hide(latestNotification);
    latestNotification = id;
    notifications.show({
      id,
      color: changed === 0 ? 'gray' : skipped ? 'yellow' : 'teal',
      autoClose: 10_000,
      message: (
        <Stack gap={4}>
          <Text size="sm">
            {changed === 0 ? t('contacts.bulk.nothingChanged') : (doneText ?? t('contacts.bulk.done', { count: changed }))}
          </Text>
          {skipped > 0 && <Text size="sm">{t('contacts.bulk.skipped', { count: skipped, reasons: skippedReasons.join(' ') })}</Text>}
          {changed > 0 && (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                notifications.hide(id);
                // The bar is gone by now (the selection was cleared): mutateAsync still reports.
                void undoBulk.mutateAsync({ operationId }).then(
                  ({ restored, keptBecauseChanged }) =>
                    notifications.show({
                      color: 'teal',
                      message: [
                        t(undoneKey, { count: restored }),
                        keptBecauseChanged ? t('contacts.bulk.kept', { count: keptBecauseChanged }) : '',
                      ].join(' '),
                    }),
                  toldAlready,
                );
              }}
            >
              {t('contacts.bulk.undo')}
            </Button>
          )}
        </Stack>
      ),
    });
    onClear();
  };

  // A delete says where the contacts went (the bin), not that they were "changed".
  const run = (action: BulkActionInput) =>
    bulk
      .mutateAsync({ selection, action })
      .then(
        (outcome) =>
          action.kind === 'delete'
            ? report(outcome, t('contacts.bulk.deleted', { count: outcome.changed }), 'contacts.bulk.undeleted')
            : report(outcome),
        toldAlready,
      );

  /** A step: consent opens its form, steps with details ask for them, the rest happen at once. */
  const step = (stage: Stage) => {
    if (stage === 'consent_given') setRecording(true);
    else if (stageNeedsDetails(stage)) setStage(stage);
    else void run({ kind: 'setStage', change: { stage } });
  };
  // Withdrawals are recorded one contact at a time, with their purposes (see the contact's consent tab).
  const offered = (options?.steps ?? []).filter((option) => option.stage !== 'consent_withdrawn' && option.possible > 0);
  const forAll = offered.filter((option) => option.possible === options?.count);
  const forSome = offered.filter((option) => option.possible < (options?.count ?? 0));

  return (
    <Paper withBorder p="xs" bg="teal.0" data-testid="bulk-bar">
      <Group gap="xs">
        <Text size="sm" fw={600} mr="sm">
          {t('contacts.selection.count', { count })}
        </Text>
        <BulkMenu label={t('contacts.bulk.setTarget')}>
          {[...targets, 'none' as const].map((target) => (
            <Menu.Item key={target} onClick={() => void run({ kind: 'setTarget', target: target === 'none' ? null : target })}>
              {t(`tracking.targets.${target}`)}
            </Menu.Item>
          ))}
        </BulkMenu>
        <BulkMenu
          label={t('contacts.bulk.setStage')}
          onOpen={() => {
            setOptions(null);
            void send('contacts.stageOptions', { selection }).then((result) =>
              result.ok ? setOptions(result.value) : notifyFailure(result.error.message),
            );
          }}
        >
          {!options && (
            <Menu.Item disabled leftSection={<Loader size="xs" />}>
              {t('app.loading')}
            </Menu.Item>
          )}
          {options && offered.length === 0 && <Menu.Item disabled>{t('contacts.bulk.noStep')}</Menu.Item>}
          {forAll.map((option) => (
            <Menu.Item key={option.stage} onClick={() => step(option.stage)}>
              {t(`tracking.stages.${option.stage}`)}
            </Menu.Item>
          ))}
          {forSome.length > 0 && <Menu.Label>{t('contacts.bulk.onlySome')}</Menu.Label>}
          {forSome.map((option) => (
            <Menu.Item key={option.stage} onClick={() => setPartial(option)}>
              {t('contacts.bulk.stageForSome', {
                stage: t(`tracking.stages.${option.stage}`),
                possible: option.possible,
                count: options?.count ?? 0,
              })}
            </Menu.Item>
          ))}
        </BulkMenu>
        <BulkMenu label={t('contacts.bulk.setCorrespondence')}>
          <Menu.Label>{t('contacts.bulk.languageHeading')}</Menu.Label>
          {contactLanguages.map((language) => (
            <Menu.Item key={language} onClick={() => void run({ kind: 'setLanguage', language })}>
              {t(`contacts.languages.${language}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Label>{t('contacts.bulk.formalHeading')}</Menu.Label>
          {formalChoices.map(([key, formal]) => (
            <Menu.Item key={key} onClick={() => void run({ kind: 'setFormal', formal })}>
              {t(`contacts.formal.${key}`)}
            </Menu.Item>
          ))}
        </BulkMenu>
        {/* One popover under both buttons. Its roles go on the buttons themselves: Mantine would put them on
            the group around them, where aria-expanded is not allowed and says nothing to a screen reader. */}
        <Popover opened={tagMode !== null} onChange={(open) => !open && setTagMode(null)} trapFocus withRoles={false}>
          <Popover.Target>
            <Group gap={0}>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconTag size={14} aria-hidden />}
                onClick={() => setTagMode('addTag')}
                aria-haspopup="dialog"
                aria-expanded={tagMode === 'addTag'}
              >
                {t('contacts.bulk.addTag')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setTagMode('removeTag')}
                aria-haspopup="dialog"
                aria-expanded={tagMode === 'removeTag'}
              >
                {t('contacts.bulk.removeTag')}
              </Button>
            </Group>
          </Popover.Target>
          <Popover.Dropdown role="dialog" aria-label={tagMode === 'removeTag' ? t('contacts.bulk.removeTag') : t('contacts.bulk.addTag')}>
            <Group>
              <Autocomplete
                aria-label={tagMode === 'removeTag' ? t('contacts.bulk.removeTag') : t('contacts.bulk.addTag')}
                placeholder={t('contacts.bulk.tagPlaceholder')}
                data={tags}
                value={tag}
                onChange={setTag}
                data-autofocus
              />
              <Button
                size="sm"
                disabled={!tag.trim()}
                onClick={() => {
                  void run({ kind: tagMode ?? 'addTag', tag: tag.trim() });
                  setTag('');
                  setTagMode(null);
                }}
              >
                {t('contacts.bulk.apply')}
              </Button>
            </Group>
          </Popover.Dropdown>
        </Popover>
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconTrash size={14} aria-hidden />}
          onClick={() => setConfirmDelete(true)}
        >
          {t('contacts.bulk.delete')}
        </Button>
        <Button size="xs" variant="light" leftSection={<IconSend size={14} aria-hidden />} onClick={onInvite}>
          {t('contacts.bulk.invite')}
        </Button>
        <Button size="xs" variant="light" leftSection={<IconMail size={14} aria-hidden />} onClick={onLetters}>
          {t('contacts.bulk.letters')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          {t('contacts.selection.clear')}
        </Button>
      </Group>
      <Modal
        opened={partial !== null}
        onClose={() => setPartial(null)}
        title={partial ? t(`detail.actions.${partial.stage}`) : ''}
        centered
      >
        {partial && options && (
          <Stack>
            <Text size="sm">{t('contacts.bulk.partialIntro', { possible: partial.possible, count: options.count })}</Text>
            <List size="sm">
              {partial.refused.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
            {options.count - partial.possible > partial.refused.length && (
              <Text size="sm" c="dimmed">
                {t('contacts.bulk.andMore', { count: options.count - partial.possible - partial.refused.length })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPartial(null)}>
                {t('detail.cancel')}
              </Button>
              <Button
                onClick={() => {
                  const chosen = partial.stage;
                  setPartial(null);
                  step(chosen);
                }}
              >
                {t('contacts.bulk.partialGo', { count: partial.possible })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConsentForm
        opened={recording}
        target={{ selection, count }}
        onClose={() => setRecording(false)}
        onRecorded={(result, withoutScan) => {
          setRecording(false);
          if (result)
            report(result, t(withoutScan ? 'detail.consent.savedManyWithoutScan' : 'detail.consent.savedMany', { count: result.changed }));
        }}
      />
      <StageChangeModal
        stage={stage}
        count={count}
        alreadyThere="some"
        askTarget
        onClose={() => setStage(null)}
        onSubmit={(change) => {
          setStage(null);
          void run({ kind: 'setStage', change });
        }}
      />
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('contacts.bulk.confirmDeleteTitle')} centered>
        <Text size="sm">{t('contacts.bulk.confirmDelete', { count })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t('detail.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmDelete(false);
              void run({ kind: 'delete' });
            }}
          >
            {t('contacts.bulk.confirmDeleteYes')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
