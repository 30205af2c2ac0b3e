import { Button, Collapse } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { SubjectTestSeries } from '@edukarte/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../../components/charts/LineChart.tsx';
import { EmptyState } from '../../components/states/EmptyState.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate, formatPercent } from '../../lib/format.ts';
import { KarteSection } from './KarteSection.tsx';
import { toTestTableRows, toTestTrendChartSeries, toTestTrendSeries } from './mappers.ts';
import { TestResultsTable } from './TestResultsTable.tsx';

const TIME_LABELS = {
  ja: { year: '{yyyy}年', month: '{M}月', day: '{M}/{d}' },
  en: { year: '{yyyy}', month: '{MMM}', day: '{MMM} {d}' },
} as const;

/**
 * テスト結果の推移: one line per subject across every year, percent on 0–100, with the same
 * points as a table (collapsed on screen, expanded in print) so nothing depends on the chart.
 */
export function TestTrendSection({ tests }: { tests: readonly SubjectTestSeries[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [tableOpen, table] = useDisclosure(false);

  const series = useMemo(() => toTestTrendSeries(tests, lang), [tests, lang]);
  const chartSeries = useMemo(
    () =>
      toTestTrendChartSeries(series, (p) => [
        formatDate(p.administeredOn, lang),
        p.title,
        t('karte.tests.tooltipScore', {
          score: p.score,
          max: p.maxScore,
          percent: formatPercent(p.percent, lang),
        }),
      ]),
    [series, lang, t],
  );
  const rows = useMemo(() => toTestTableRows(series), [series]);

  return (
    <KarteSection id="tests" title={t('karte.tests.title')}>
      {series.length === 0 ? (
        <EmptyState title={t('karte.tests.empty')} />
      ) : (
        <>
          <LineChart
            series={chartSeries}
            yMin={0}
            yMax={100}
            yAxisName={t('karte.tests.yAxis')}
            timeLabels={TIME_LABELS[lang]}
            ariaLabel={t('karte.tests.chartLabel')}
          />
          <Button
            variant="subtle"
            onClick={table.toggle}
            aria-expanded={tableOpen}
            aria-controls="test-results-table"
            mt="sm"
            className="ek-no-print"
          >
            {tableOpen ? t('common.hideTable') : t('common.showTable')}
          </Button>
          <Collapse in={tableOpen} id="test-results-table" className="ek-print-expand">
            <TestResultsTable rows={rows} />
          </Collapse>
        </>
      )}
    </KarteSection>
  );
}
