import { Button, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProposal, PageReading } from '../../../../shared/model/return-forms';
import { request } from '../../queries/client';
import { useContactSearch } from '../../queries/return-forms';

type MatchedContact = NonNullable<PageProposal['contact']>;

/**
 * A page on which no code of this business could be read (none found, or a QR code that is no
 * Rückläufer-Code; see matchableByHand) gets its contact by hand: by the Rückläufer-Code printed beside
 * the QR code, typed (checked by the services, and the page read again as that form), or by searching
 * the contacts by name (the page read again for the contact's last letter). One at a time: while one
 * is on its way the other waits, and the page is not recorded (`onLoading`).
 */
export function ManualMatch({
  reading,
  onMatched,
  onLoading,
}: {
  /** The page as read (its code is the QR code's text, if any). */
  reading: PageReading;
  /**
   * The contact, the page read again for them, and the code to record with it: the typed code, or,
   * matched by name, the QR code's text as read from the page.
   */
  onMatched: (contact: MatchedContact, reread: PageProposal | null, code: string | null) => void;
  onLoading: (loading: boolean) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [checking, setChecking] = useState(false);
  const [codeError, setCodeError] = useState<string>();
  const [search, setSearch] = useState('');
  const found = useContactSearch(search);
  const [choosing, setChoosing] = useState<number | null>(null);
  const [searchError, setSearchError] = useState<string>();
  const loading = checking || choosing !== null;

  const checkCode = async () => {
    const typed = code.trim();
    if (!typed || loading) return;
    setChecking(true);
    setCodeError(undefined);
    onLoading(true);
    try {
      const checked = await request('scans.checkCode', { code: typed });
      if (checked.codeState !== 'valid' || !checked.contact) {
        setCodeError(t(`returnFormsView.code.${checked.codeState === 'valid' ? 'gone' : checked.codeState}`));
        return;
      }
      const [reread] = await request('scans.propose', { pages: [{ ...reading, code: typed }] });
      onMatched(checked.contact, reread ?? null, typed);
    } catch (error) {
      setCodeError(error instanceof Error ? error.message : String(error));
    } finally {
      setChecking(false);
      onLoading(false);
    }
  };

  /**
   * A contact found by name: the page is read again for them (their last letter's form says which box is
   * which), with the QR code's text as read, which is recorded with it.
   */
  const choose = async (contact: MatchedContact) => {
    if (loading) return;
    setChoosing(contact.id);
    setSearchError(undefined);
    onLoading(true);
    try {
      const [reread] = await request('scans.propose', { pages: [{ ...reading, matchedContactId: contact.id }] });
      onMatched(contact, reread ?? null, reading.code);
    } catch (error) {
      setSearchError(error instanceof Error ? error.message : String(error));
    } finally {
      setChoosing(null);
      onLoading(false);
    }
  };

  const rows = search.trim().length >= 2 ? (found.data?.rows ?? []) : [];

  return (
    <Paper withBorder p="sm" data-testid="manual-match">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('returnFormsView.match.title')}
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void checkCode();
          }}
        >
          <Stack gap="xs" align="flex-start">
            <TextInput
              label={t('returnFormsView.match.typeCode')}
              description={t('returnFormsView.match.typeCodeHint')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={codeError}
              autoComplete="off"
              spellCheck={false}
              w="100%"
              maxLength={200}
            />
            <Button type="submit" variant="light" size="xs" loading={checking} disabled={!code.trim() || (loading && !checking)}>
              {t('returnFormsView.match.check')}
            </Button>
          </Stack>
        </form>
        <Text size="xs" c="dimmed" ta="center">
          {t('returnFormsView.match.or')}
        </Text>
        <TextInput
          label={t('returnFormsView.match.search')}
          placeholder={t('returnFormsView.match.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          autoComplete="off"
          maxLength={200}
          error={searchError}
        />
        {search.trim().length >= 2 && found.data && rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('returnFormsView.match.none')}
          </Text>
        )}
        {rows.map((row) => (
          <UnstyledButton
            key={row.id}
            onClick={() => void choose({ id: row.id, displayName: row.displayName, stage: row.stage })}
            disabled={loading}
            aria-label={`${t('returnFormsView.match.assign')}: ${row.displayName}`}
            p={6}
            style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="sm" fw={500}>
              {row.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {[row.organization, row.mobile].filter(Boolean).join(' · ')}
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
