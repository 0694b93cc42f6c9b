import { Alert, Anchor, Badge, Button, Divider, Group, List, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { purposes } from '../../../../shared/model/tracking-terms';
import { formatDate } from '../../format';
import { ManualMatch } from './ManualMatch';
import { useConfidenceWords } from './confidence-words';
import { decide, matchableByHand, type PageStatus, primaryAction, rematched, statusColors, type Tick } from './page-status';
import type { ReviewPage } from './scan-session';

interface Props {
  page: ReviewPage;
  status: PageStatus;
  busy: boolean;
  onChange: (change: (page: ReviewPage) => ReviewPage) => void;
  onAccept: () => void;
  onSkip: () => void;
  onReopen: () => void;
  onOpenContact: (id: number) => void;
}

/**
 * What one page says, as the office will record it: the contact, each box (a box read as unclear shows
 * "?" and must be decided), the signature, the reader's notes, and why it cannot be recorded yet. A page
 * of another business, or of a contact no longer there, can only be skipped.
 */
export function PageDecision({ page, status, busy, onChange, onAccept, onSkip, onReopen, onOpenContact }: Props) {
  const { t, i18n } = useTranslation();
  const { proposal, draft, outcome, scanned } = page;
  const [matching, setMatching] = useState(false);
  const confidenceWords = useConfidenceWords();
  const decision = decide(draft);
  const action = primaryAction(status, page.matchLoading);
  const closed = outcome !== null;
  const unassignable = status === 'unassignable';
  // Nothing on the page changes while it is being recorded: what is shown afterwards is what was recorded.
  const locked = closed || busy;
  const setDraft = (change: Partial<typeof draft>) =>
    onChange((current) => ({ ...current, draft: { ...current.draft, ...change }, error: null }));
  const shownPurposes = purposes.filter((purpose) => purpose in draft.purposes);
  const ticks = [...shownPurposes.map((purpose) => draft.purposes[purpose]), draft.transfer, draft.refused, draft.signed];
  const needsMatch =
    !closed && !proposal.blank && (matchableByHand(proposal) || draft.matchedByHand) && (draft.contact === null || matching);

  return (
    <Stack gap="sm" data-testid="page-decision" pr="xs">
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h4">
          {t('returnFormsView.page', { page: proposal.page })}
        </Title>
        <Badge color={statusColors[status]} variant="light">
          {t(`returnFormsView.status.${status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t('returnFormsView.pageOfFile', { file: scanned.reading.fileName, page: scanned.reading.filePage })} ·{' '}
        {t('returnFormsView.scanDate', { date: formatDate(scanned.scanDate, i18n.language) })}
      </Text>
      <Text size="sm" data-testid="confidence">
        {t('returnFormsView.confidenceOfPage', { confidence: confidenceWords(proposal.confidence) })}
      </Text>

      {/* Why the page needs a look (blank, the same form again, no code, a box unclear …), in the services' words. */}
      {proposal.notes.length > 0 && !closed && (
        <Alert color={statusColors[status]} title={t('returnFormsView.notes')} data-testid="page-notes">
          <List size="sm" spacing={2}>
            {proposal.notes.map((note, index) => (
              <List.Item key={index}>{note}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {!proposal.blank && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('returnFormsView.contact')}
          </Text>
          {draft.contact ? (
            <Group gap="xs">
              <Anchor
                component="button"
                type="button"
                fw={600}
                onClick={() => onOpenContact(draft.contact!.id)}
                aria-label={t('returnFormsView.openContact', { name: draft.contact.displayName })}
              >
                {draft.contact.displayName}
              </Anchor>
              {draft.matchedByHand && (
                <Badge size="xs" variant="outline" color="gray">
                  {t('returnFormsView.match.byHand')}
                </Badge>
              )}
            </Group>
          ) : unassignable && !closed ? (
            <Text size="sm" data-testid="unassignable">
              {t('returnFormsView.unassignable')}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('returnFormsView.noContact')}
            </Text>
          )}
          {/* The consent's text version is recorded with it: said on its own, also matched by name (no letter date then). */}
          {draft.contact && draft.version && (
            <Text size="xs" c="dimmed" data-testid="text-version">
              {draft.letterDate
                ? t('returnFormsView.letter', { date: formatDate(draft.letterDate, i18n.language), version: draft.version })
                : t('returnFormsView.textVersion', { version: draft.version })}
            </Text>
          )}
          {draft.matchedByHand && !locked && !matching && (
            <Anchor component="button" type="button" size="sm" onClick={() => setMatching(true)} ta="left">
              {t('returnFormsView.match.change')}
            </Anchor>
          )}
        </Stack>
      )}

      {needsMatch && (
        <ManualMatch
          reading={scanned.reading}
          onMatched={(contact, reread, code) => {
            setMatching(false);
            // A page taken over or skipped while the match was on its way keeps what it was recorded as.
            onChange((current) => rematched(current, contact, reread, code));
          }}
          onLoading={(matchLoading) => onChange((current) => ({ ...current, matchLoading }))}
        />
      )}

      {!proposal.blank && draft.contact && (
        <>
          <Divider />
          {shownPurposes.length > 0 && (
            <Text size="sm" fw={600}>
              {t('returnFormsView.boxes')}
            </Text>
          )}
          {shownPurposes.map((purpose) => (
            <TickChoice
              key={purpose}
              label={t(`tracking.purposes.${purpose}`)}
              value={draft.purposes[purpose] ?? null}
              disabled={locked}
              onChange={(tick) => setDraft({ purposes: { ...draft.purposes, [purpose]: tick } })}
            />
          ))}
          <TickChoice
            label={t('returnFormsView.transfer')}
            value={draft.transfer}
            disabled={locked}
            onChange={(transfer) => setDraft({ transfer })}
          />
          <TickChoice
            label={t('returnFormsView.refused')}
            value={draft.refused}
            disabled={locked}
            onChange={(refused) => setDraft({ refused })}
          />
          <TickChoice
            label={t('returnFormsView.signed')}
            value={draft.signed}
            disabled={locked}
            onChange={(signed) => setDraft({ signed })}
          />
          {!closed && ticks.includes(null) && (
            <Text size="xs" c="dimmed">
              {t('returnFormsView.unclearHint')}
            </Text>
          )}
        </>
      )}

      {outcome ? (
        <Stack gap="xs">
          <Alert
            color={outcome.kind === 'recorded' ? 'green' : 'gray'}
            icon={outcome.kind === 'recorded' ? <IconCircleCheck aria-hidden /> : undefined}
          >
            {outcome.kind === 'skipped'
              ? t('returnFormsView.skipped')
              : outcome.decision === 'refusal'
                ? t('returnFormsView.recordedRefusal')
                : t(outcome.evidenceId === null ? 'returnFormsView.recordedConsentOnly' : 'returnFormsView.recordedConsent')}
          </Alert>
          {outcome.kind === 'skipped' && (
            <Group>
              <Button variant="default" size="xs" onClick={onReopen}>
                {t('returnFormsView.reopen')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        <Stack gap="xs">
          {!decision.ok && !proposal.blank && !unassignable && (
            <Text size="sm" c="orange.8" data-testid="blocked">
              {t(`returnFormsView.blocked.${decision.blocked}`)}
            </Text>
          )}
          {page.error && (
            <Text size="sm" c="red" role="alert">
              {page.error}
            </Text>
          )}
          <Group>
            {/* A blank page has nothing to take over; a page of another business or a contact gone may not be. */}
            {!proposal.blank && !unassignable && (
              <Button
                variant={action === 'accept' ? 'filled' : 'default'}
                disabled={!decision.ok || page.matchLoading}
                loading={busy}
                onClick={onAccept}
              >
                {decision.ok
                  ? t(decision.decision === 'consent' ? 'returnFormsView.acceptConsent' : 'returnFormsView.acceptRefusal')
                  : t('returnFormsView.accept')}
              </Button>
            )}
            <Button
              variant={action === 'skip' ? 'filled' : 'default'}
              color={action === 'skip' ? 'gray' : undefined}
              onClick={onSkip}
              disabled={busy}
            >
              {t('returnFormsView.skip')}
            </Button>
          </Group>
          {(action === 'skip' || (action === 'accept' && decision.ok)) && (
            <Text size="xs" c="dimmed">
              {t(action === 'skip' ? 'returnFormsView.enterSkipHint' : 'returnFormsView.enterHint')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** A box as read: Ja, Nein, or "?" while it is unclear (shown in orange until the office decides). */
function TickChoice({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: Tick;
  disabled: boolean;
  onChange: (tick: Tick) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
      <Text size="sm" style={{ flex: 1 }}>
        {label}
      </Text>
      <SegmentedControl
        size="xs"
        aria-label={label}
        value={value === null ? 'unclear' : value ? 'yes' : 'no'}
        onChange={(next) => onChange(next === 'yes' ? true : next === 'no' ? false : null)}
        color={value === null ? 'orange' : value ? 'teal' : 'gray'}
        disabled={disabled}
        data={[
          { value: 'yes', label: t('returnFormsView.yes') },
          { value: 'no', label: t('returnFormsView.no') },
          {
            value: 'unclear',
            label: (
              <>
                <span aria-hidden>{t('returnFormsView.unclear')}</span>
                <VisuallyHidden>{t('returnFormsView.unclearLabel')}</VisuallyHidden>
              </>
            ),
          },
        ]}
      />
    </Group>
  );
}
