import type { LineChartOption } from './echarts.ts';

export interface LineChartPoint {
  /** ISO date 'YYYY-MM-DD' on the time axis */
  x: string;
  y: number;
  /** Lines shown in the tooltip under the series name (plain text; escaped here) */
  details: string[];
}

export interface LineChartSeries {
  id: string;
  name: string;
  color?: string;
  points: LineChartPoint[];
}

export interface LineChartOptionInput {
  series: readonly LineChartSeries[];
  yMin?: number;
  yMax?: number;
  yAxisName?: string;
  /** Time-axis label templates (ECharts `{yyyy}`, `{M}` …) for the UI language */
  timeLabels: { year: string; month: string; day: string };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Tooltips are HTML: every text from data (test titles, names) is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

interface TooltipParams {
  seriesIndex?: number;
  dataIndex?: number;
  marker?: unknown;
}

/** The tooltip HTML of one point: series name with its colour marker, then the detail lines. */
export function tooltipHtml(series: readonly LineChartSeries[], params: TooltipParams): string {
  const s = series[params.seriesIndex ?? -1];
  const point = s?.points[params.dataIndex ?? -1];
  if (!s || !point) return '';
  const marker = typeof params.marker === 'string' ? params.marker : '';
  return [`${marker}<strong>${escapeHtml(s.name)}</strong>`, ...point.details.map(escapeHtml)].join('<br/>');
}

/** Builds the ECharts option of a time-axis line chart from already-shaped series. */
export function buildLineChartOption(input: LineChartOptionInput): LineChartOption {
  const { series, yMin, yMax, yAxisName, timeLabels } = input;
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    legend: { type: 'plain', top: 0, left: 0, itemGap: 16, textStyle: { fontSize: 13 } },
    grid: { top: 64, left: 8, right: 24, bottom: 8 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => tooltipHtml(series, Array.isArray(params) ? {} : params),
    },
    xAxis: {
      type: 'time',
      axisLabel: { hideOverlap: true, formatter: timeLabels },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: yMin,
      max: yMax,
      name: yAxisName,
      nameLocation: 'end',
      nameTextStyle: { align: 'left' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series: series.map((s) => ({
      type: 'line' as const,
      id: s.id,
      name: s.name,
      color: s.color,
      symbol: 'circle',
      symbolSize: 8,
      connectNulls: true,
      emphasis: { focus: 'series' as const },
      data: s.points.map((p) => [p.x, p.y]),
    })),
  };
}
