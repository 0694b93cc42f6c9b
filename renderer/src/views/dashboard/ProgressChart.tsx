import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/model/tracking';
import { formatDate } from '../../format';

const WIDTH = 1000;
const HEIGHT = 240;
const PAD = { left: 48, right: 16, top: 12, bottom: 30 };

/** Contacts who started and finished their way, week by week (a small SVG line chart, no library). */
export function ProgressChart({ progress, total }: { progress: Dashboard['progress']; total: number }) {
  const { t, i18n } = useTranslation();
  if (progress.length === 0) return <Text c="dimmed">{t('dashboard.progressEmpty')}</Text>;
  const points = progress.length === 1 ? [progress[0]!, progress[0]!] : progress;
  const max = Math.max(1, total, ...points.map((p) => p.started));
  const x = (i: number) => PAD.left + (i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - value / max) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (key: 'started' | 'finished') =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const series = [
    { key: 'started' as const, color: 'var(--mantine-color-blue-6)', label: t('dashboard.progressStarted') },
    { key: 'finished' as const, color: 'var(--mantine-color-teal-6)', label: t('dashboard.progressFinished') },
  ];
  return (
    <div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxHeight: 280 }}
        role="img"
        aria-label={t('dashboard.progress')}
        data-testid="progress-chart"
      >
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * share)} y2={y(max * share)} stroke="var(--mantine-color-gray-3)" />
            <text x={PAD.left - 6} y={y(max * share) + 4} textAnchor="end" fontSize="13" fill="var(--mantine-color-gray-6)">
              {Math.round(max * share)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <path key={s.key} d={line(s.key)} fill="none" stroke={s.color} strokeWidth={2.5} />
        ))}
        <text x={PAD.left} y={HEIGHT - 8} fontSize="13" fill="var(--mantine-color-gray-6)">
          {formatDate(points[0]!.week, i18n.language)}
        </text>
        {progress.length > 1 && (
          <text x={WIDTH - PAD.right} y={HEIGHT - 8} fontSize="13" textAnchor="end" fill="var(--mantine-color-gray-6)">
            {formatDate(points[points.length - 1]!.week, i18n.language)}
          </text>
        )}
      </svg>
      <Group gap="lg">
        {series.map((s) => (
          <Group key={s.key} gap={6}>
            <svg width="16" height="4" aria-hidden>
              <rect width="16" height="4" fill={s.color} />
            </svg>
            <Text size="sm">{s.label}</Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
