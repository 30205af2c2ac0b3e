import { Box } from '@mantine/core';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { echarts } from './echarts.ts';
import { buildLineChartOption, type LineChartOptionInput, type LineChartSeries } from './lineChartOption.ts';

/** Draw at least at 2× so the canvas is not blurry on paper (browsers print at ~2–3× of screen px). */
const PRINT_PIXEL_RATIO = Math.max(2, typeof window === 'undefined' ? 1 : window.devicePixelRatio);

export type { LineChartPoint, LineChartSeries } from './lineChartOption.ts';

export interface LineChartProps extends LineChartOptionInput {
  series: readonly LineChartSeries[];
  /** Describes the chart for screen readers; the data itself should also be offered as a table */
  ariaLabel: string;
  height?: number;
}

/**
 * A time-axis line chart. It takes data already shaped by a feature's mappers and only turns it
 * into an ECharts option; no reshaping happens here.
 */
export function LineChart({ ariaLabel, height = 360, ...input }: LineChartProps) {
  const { series, yMin, yMax, yAxisName, timeLabels } = input;
  const option = useMemo(
    () => buildLineChartOption({ series, yMin, yMax, yAxisName, timeLabels }),
    [series, yMin, yMax, yAxisName, timeLabels],
  );
  return (
    <Box role="img" aria-label={ariaLabel} className="ek-chart">
      <EChartsReactCore
        echarts={echarts}
        option={option}
        notMerge
        opts={{ renderer: 'canvas', devicePixelRatio: PRINT_PIXEL_RATIO }}
        style={{ height, width: '100%' }}
      />
    </Box>
  );
}
