import { Button, Card, Group, Loader, Progress, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconAlertTriangle, IconDatabase, IconDeviceMobile, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../download';
import type { ContactView } from '../../../../shared/model/contact';
import { finishedStages, stages, targets } from '../../../../shared/model/tracking-terms';
import type { Dashboard } from '../../../../shared/model/tracking';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SectionHeading } from '../../components/SectionHeading';
import { stageColors } from '../../components/StageBadge';
import { request, toldAlready } from '../../queries/client';
import { formatDateTime, todayIso } from '../../format';
import { daysBetween, localDateOf } from '../../../../shared/local-date';
import { useBackups } from '../../queries/backups';
import { useDashboard, useExportConsented } from '../../queries/dashboard';
import { FirstSteps } from '../../components/FirstSteps';
import { ProgressChart } from './ProgressChart';

function Bars({ rows, total }: { rows: { key: string; label: string; count: number; color: string }[]; total: number }) {
  return (
    <Stack gap={8}>
      {rows.map((row) => (
        <div key={row.key} data-testid={`bar-${row.key}`}>
          <Group justify="space-between" mb={2}>
            <Text size="sm">{row.label}</Text>
            <Text size="sm" fw={600}>
              {row.count}
            </Text>
          </Group>
          <Progress value={total ? (row.count / total) * 100 : 0} color={row.color} size="sm" aria-label={`${row.label}: ${row.count}`} />
        </div>
      ))}
    </Stack>
  );
}

/** The consented contacts as a vCard for the WhatsApp phone, so that WhatsApp never sees anyone else. */
function PhoneBookCard({ consented }: { consented: number }) {
  const { t } = useTranslation();
  const exported = useExportConsented();
  const save = () =>
    exported.mutateAsync({}).then(({ fileName, data, count }) => {
      saveFile(fileName, data, 'text/vcard');
      notifications.show({ color: 'teal', message: t('dashboard.phoneBook.saved', { count }) });
    }, toldAlready);
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <SectionHeading title={t('dashboard.phoneBook.title')} hint={t('dashboard.phoneBook.text')} />
        </Stack>
        <Button
          leftSection={<IconAddressBook size={16} aria-hidden />}
          onClick={() => void save()}
          loading={exported.isPending}
          disabled={consented === 0}
          style={{ flex: 'none' }}
        >
          {t('dashboard.phoneBook.button', { count: consented })}
        </Button>
      </Group>
    </Card>
  );
}

/** Whether the database is backed up: the last backup's day, or what is wrong (none yet, days old, the folder not there). */
function BackupCard({ onBackups }: { onBackups: () => void }) {
  const { t, i18n } = useTranslation();
  const backups = useBackups();
  if (!backups.data) return null;
  const [last] = backups.data.backups;
  const age = last ? daysBetween(localDateOf(last.madeAt)!, todayIso()) : null;
  const problem = !backups.data.folderReachable
    ? t('dashboard.backup.unreachable', { folder: backups.data.folder })
    : last === undefined
      ? t('dashboard.backup.none')
      : age !== null && age >= 2
        ? t('dashboard.backup.old', { count: age, date: formatDateTime(last.madeAt, i18n.language) })
        : null;
  return (
    <Card withBorder data-testid="backup-state">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color={problem ? 'orange' : 'teal'} variant="light" radius="xl">
            {problem ? <IconAlertTriangle size={18} aria-hidden /> : <IconDatabase size={18} aria-hidden />}
          </ThemeIcon>
          <Text size="sm">{problem ?? t('dashboard.backup.recent', { date: formatDateTime(last!.madeAt, i18n.language) })}</Text>
        </Group>
        <Button variant="light" onClick={onBackups} style={{ flex: 'none' }}>
          {t('dashboard.backup.open')}
        </Button>
      </Group>
    </Card>
  );
}

/** The accountability report as a PDF, at the end of a chosen day (today unless said otherwise). */
function ReportCard() {
  const { t } = useTranslation();
  const [day, setDay] = useState(todayIso());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const save = () => {
    setBusy(true);
    setError(undefined);
    request('report.pdf', { date: day })
      .then(({ fileName, data }) => saveFile(fileName, data, 'application/pdf'))
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setBusy(false));
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <SectionHeading title={t('dashboard.report.title')} hint={t('dashboard.report.text')} />
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('dashboard.report.date')}
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            w={200}
          />
          <Button leftSection={<IconFileText size={16} aria-hidden />} onClick={save} loading={busy} disabled={!day}>
            {t('dashboard.report.button')}
          </Button>
        </Group>
        {error && <ErrorNotice message={error} />}
      </Stack>
    </Card>
  );
}

/** The business phones: which checklist items are due (never checked, or over 6 months ago), or that none is registered yet. */
function PhonesCard({ phones, due, onPhones }: { phones: number; due: Dashboard['phonesDue']; onPhones: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="phones-due">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <SectionHeading
            title={t('dashboard.phones.title')}
            hint={phones === 0 ? t('dashboard.phones.none') : due.length === 0 ? t('dashboard.phones.allChecked') : undefined}
          />
          {due.map((phone) => (
            <Text size="sm" key={phone.phoneId}>
              <b>{phone.phone}</b>: {t('dashboard.phones.due', { count: phone.items.length })} –{' '}
              {phone.items.map((item) => t(`phones.items.${item}.short`)).join(', ')}
            </Text>
          ))}
        </Stack>
        <Button variant="light" leftSection={<IconDeviceMobile size={16} aria-hidden />} onClick={onPhones} style={{ flex: 'none' }}>
          {t('dashboard.phones.open')}
        </Button>
      </Group>
    </Card>
  );
}

/** The overview: where the move stands, how it went, and what to do next. */
export function DashboardView({
  onShow,
  onPhones,
  onBackups,
}: {
  onShow: (view: ContactView) => void;
  onPhones: () => void;
  onBackups: () => void;
}) {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  if (dashboard.error) return <ErrorNotice message={dashboard.error.message} onRetry={() => void dashboard.refetch()} />;
  if (!dashboard.data) return <Loader aria-label={t('app.loading')} />;
  const data = dashboard.data;
  // Nothing to count yet: what to do first (the checklist links to each step's page).
  if (data.total === 0) {
    return (
      <Stack maw={720}>
        <Title order={2}>{t('dashboard.title')}</Title>
        <FirstSteps />
      </Stack>
    );
  }
  const finished = finishedStages.reduce((sum, stage) => sum + data.byStage[stage], 0);
  const next: { view: ContactView; count: number; text: string }[] = [
    { view: 'not_invited', count: data.next.notInvited, text: t('contacts.views.not_invited') },
    {
      view: 'invitation_overdue',
      count: data.next.invitationOverdue,
      text: t('contacts.views.invitation_overdue', { days: data.reminders.invitationDays }),
    },
    {
      view: 'letter_overdue',
      count: data.next.letterOverdue,
      text: t('contacts.views.letter_overdue', { days: data.reminders.letterDays }),
    },
    { view: 'withdrawn', count: data.next.withdrawn, text: t('contacts.views.withdrawn') },
  ];

  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={2}>{t('dashboard.title')}</Title>
        <Text c="dimmed">
          {t('dashboard.total', { count: data.total })} ·{' '}
          {t('dashboard.finishedShare', { percent: Math.round((finished / data.total) * 100) })}
        </Text>
      </Group>
      <FirstSteps />
      <Title order={3} size="h4">
        {t('dashboard.next')}
      </Title>
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        {next.map((item) => (
          <Card key={item.view} withBorder padding="md" data-testid={`next-${item.view}`}>
            <Stack gap="xs" justify="space-between" h="100%">
              <Text size="2rem" fw={700} lh={1}>
                {item.count}
              </Text>
              <Text size="sm">{item.text}</Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => onShow(item.view)}
                disabled={item.count === 0}
                aria-label={`${t('dashboard.show')}: ${item.text}`}
              >
                {t('dashboard.show')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('dashboard.byStage')}
          </Title>
          <Bars
            total={data.total}
            rows={stages.map((stage) => ({
              key: stage,
              label: t(`tracking.stages.${stage}`),
              count: data.byStage[stage],
              color: stageColors[stage],
            }))}
          />
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('dashboard.byTarget')}
          </Title>
          <Bars
            total={data.total}
            rows={[...targets, 'none' as const].map((target) => ({
              key: target,
              label: t(`tracking.targets.${target}`),
              count: data.byTarget[target],
              color: 'teal',
            }))}
          />
        </Card>
      </SimpleGrid>
      <PhonesCard phones={data.phones} due={data.phonesDue} onPhones={onPhones} />
      <BackupCard onBackups={onBackups} />
      <ReportCard />
      <PhoneBookCard consented={data.consented} />
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('dashboard.progress')}
        </Title>
        <ProgressChart progress={data.progress} total={data.total} />
      </Card>
    </Stack>
  );
}
