import { Accordion, Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAddressBook, IconMail, IconPrinter } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneBookCheck, PhoneBookEntry } from '../../../../shared/model/phones';
import { bytesToBase64 } from '../../base64';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FileDropZone } from '../../components/FileDropZone';
import { saveFile } from '../../download';
import { useDroppedFiles } from '../../file-drop';
import { formatDateTime } from '../../format';
import { request, toldAlready } from '../../queries/client';
import { useExportConsented } from '../../queries/dashboard';
import { useCheckPhoneBook, usePhones } from '../../queries/phones';
import { hashFor } from '../../routes';
import { useSelectionHandoff } from '../../selection-handoff';

const accept = '.vcf,.vcard,.csv,.xlsx,text/vcard,text/csv';

/**
 * "Handy-Abgleich": the business phone's exported address book dropped here is compared with the
 * consent record; nothing is imported. Three lists: on the phone without consent (delete, or ask),
 * not in the app at all, and consented but missing on the phone.
 */
export function PhoneCheckView({ initialPhoneId, onLetters }: { initialPhoneId: number | null; onLetters: () => void }) {
  const { t, i18n } = useTranslation();
  const phones = usePhones();
  const check = useCheckPhoneBook();
  const dropped = useDroppedFiles();
  const handoff = useSelectionHandoff();
  const exported = useExportConsented();
  // The phone the office chose (null: none; undefined: not chosen yet). Until then the one asked for, or,
  // with one business phone, that one.
  const [picked, setPicked] = useState<number | null | undefined>(initialPhoneId ?? undefined);
  const onlyPhone = phones.data?.length === 1 ? phones.data[0]!.id : null;
  const phoneId = picked === undefined ? onlyPhone : picked;
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<PhoneBookCheck | null>(null);
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<string>();
  const _input = useRef<HTMLInputElement>(null);

  const compare = async (chosen: File) => {
    setFile(chosen.name);
    setResult(null);
    const data = bytesToBase64(new Uint8Array(await chosen.arrayBuffer()));
    check.mutateAsync({ phoneId, fileName: chosen.name, data }).then(setResult, toldAlready);
  };

  // A file dropped anywhere on the window while this page is open is the phone's address book.
  // biome-ignore lint/correctness/useExhaustiveDependencies: compare reads the phone chosen now; the drop is what starts it.
  useEffect(() => {
    const [first] = dropped.pending.length > 0 ? dropped.take() : [];
    if (first) void compare(first);
  }, [dropped]);

  const phoneName = phones.data?.find((phone) => phone.id === phoneId)?.name ?? null;
  const toDelete = result ? [...result.withoutConsent, ...result.unknown] : [];

  const printDeletionList = () => {
    setPrinting(true);
    setPrintError(undefined);
    request('phones.deletionList', { phoneId, entries: toDelete })
      .then(({ fileName, data }) => saveFile(fileName, data, 'application/pdf'))
      .catch((error: Error) => setPrintError(error.message))
      .finally(() => setPrinting(false));
  };

  const askForConsent = () => {
    if (!result) return;
    const ids = result.withoutConsent.flatMap((entry) => (entry.contactId === null ? [] : [entry.contactId]));
    handoff.hand({ ids: [...new Set(ids)] }, new Set(ids).size);
    onLetters();
  };

  const saveConsented = () =>
    void exported.mutateAsync({}).then(({ fileName, data }) => saveFile(fileName, data, 'text/vcard'), toldAlready);

  if (phones.error) return <ErrorNotice message={phones.error.message} onRetry={() => void phones.refetch()} />;
  if (!phones.data) return <Loader aria-label={t('app.loading')} />;

  return (
    <Stack maw={960}>
      <Title order={2}>{t('phoneCheck.title')}</Title>
      <Text size="sm">{t('phoneCheck.intro')}</Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('phoneCheck.phone')}
          value={phoneId === null ? '' : String(phoneId)}
          onChange={(event) => setPicked(event.currentTarget.value ? Number(event.currentTarget.value) : null)}
          data={[
            { value: '', label: t('phoneCheck.noPhone') },
            ...phones.data.map((phone) => ({ value: String(phone.id), label: phone.name })),
          ]}
          w={320}
        />
        {/* With no phone registered, a check is kept for nobody: say where phones are added. */}
        {phones.data.length === 0 && (
          <Text size="sm" c="dimmed" maw={520} data-testid="phone-check-no-phones">
            {t('phoneCheck.noPhonesYet')}{' '}
            {/* Underlined: in a line of grey text, colour alone does not tell a link (axe link-in-text-block). */}
            <Anchor href={`${hashFor('settings')}?tab=firmenhandys`} size="sm" underline="always">
              {t('phoneCheck.addPhones')}
            </Anchor>
          </Text>
        )}
      </Group>
      <Accordion variant="contained">
        <Accordion.Item value="export">
          <Accordion.Control>{t('phoneCheck.howToExport')}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              <Text size="sm">
                <b>{t('phones.platforms.android')}:</b> {t('phoneCheck.exportAndroid')}
              </Text>
              <Text size="sm">
                <b>{t('phones.platforms.iphone')}:</b> {t('phoneCheck.exportIphone')}
              </Text>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <FileDropZone
        title={t('phoneCheck.drop')}
        hint={t('phoneCheck.nothingImported')}
        buttonLabel={t('phoneCheck.choose')}
        accept={accept}
        loading={check.isPending}
        inputTestId="phone-check-input"
        onFiles={([chosen]) => chosen && void compare(chosen)}
      />
      {check.error && <ErrorNotice message={check.error.message} />}
      {printError && <ErrorNotice message={printError} />}
      {result && (
        <Stack>
          <Group gap="xs">
            <Text fw={600}>{t('phoneCheck.resultFor', { file, date: formatDateTime(result.checkedAt, i18n.language) })}</Text>
            <Badge color="teal" variant="light">
              {t('phoneCheck.okCount', { count: result.ok })}
            </Badge>
            {result.duplicates > 0 && (
              <Badge color="gray" variant="light">
                {t('phoneCheck.duplicates', { count: result.duplicates })}
              </Badge>
            )}
          </Group>
          <EntryList
            title={t('phoneCheck.withoutConsent', { count: result.withoutConsent.length })}
            hint={t('phoneCheck.withoutConsentHint')}
            color="red"
            entries={result.withoutConsent}
            actions={
              result.withoutConsent.length > 0 && (
                <Button size="xs" variant="light" leftSection={<IconMail size={14} aria-hidden />} onClick={askForConsent}>
                  {t('phoneCheck.askForConsent')}
                </Button>
              )
            }
          />
          <EntryList
            title={t('phoneCheck.unknown', { count: result.unknown.length })}
            hint={t('phoneCheck.unknownHint')}
            color="orange"
            entries={result.unknown}
          />
          {toDelete.length > 0 && (
            <Group>
              <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={printDeletionList} loading={printing}>
                {t('phoneCheck.printDeletionList', { count: toDelete.length })}
              </Button>
            </Group>
          )}
          <EntryList
            title={t('phoneCheck.consentedMissing', { count: result.consentedMissing.length })}
            hint={t('phoneCheck.consentedMissingHint')}
            color="blue"
            entries={result.consentedMissing}
            actions={
              result.consentedMissing.length > 0 && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconAddressBook size={14} aria-hidden />}
                  onClick={saveConsented}
                  loading={exported.isPending}
                >
                  {t('phoneCheck.consentedFile')}
                </Button>
              )
            }
          />
          {phoneName && (
            <Text size="sm" c="dimmed">
              {t('phoneCheck.stored', { phone: phoneName })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function EntryList({
  title,
  hint,
  color,
  entries,
  actions,
}: {
  title: string;
  hint: string;
  color: string;
  entries: PhoneBookEntry[];
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={color} variant="filled" circle>
              {entries.length}
            </Badge>
            <Title order={3} size="h5">
              {title}
            </Title>
          </Group>
          {actions}
        </Group>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        {entries.length > 0 && (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('phones.deletionList.name')}</Table.Th>
                <Table.Th>{t('phones.deletionList.nameOnPhone')}</Table.Th>
                <Table.Th>{t('phones.deletionList.number')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={`${entry.contactId}-${entry.e164}-${entry.name}`}>
                  <Table.Td>{entry.name}</Table.Td>
                  <Table.Td>{entry.nameOnPhone ?? '–'}</Table.Td>
                  <Table.Td>{entry.shown || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
