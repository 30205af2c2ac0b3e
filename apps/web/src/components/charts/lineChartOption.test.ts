import { describe, expect, it } from 'vitest';
import { buildLineChartOption, escapeHtml, tooltipHtml, type LineChartSeries } from './lineChartOption.ts';

const series: LineChartSeries[] = [
  {
    id: 'JPN',
    name: '国語',
    color: '#d9480f',
    points: [
      { x: '2025-05-01', y: 80, details: ['令和7年5月1日', '漢字<テスト>'] },
      { x: '2025-06-01', y: 66.7, details: ['令和7年6月1日', '物語文'] },
    ],
  },
];
const timeLabels = { year: '{yyyy}年', month: '{M}月', day: '{M}/{d}' };

describe('escapeHtml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<script>"x"</script>', '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'],
    ["it's", 'it&#39;s'],
    ['国語', '国語'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('tooltipHtml', () => {
  it('shows the series name and the escaped detail lines of the hovered point', () => {
    expect(tooltipHtml(series, { seriesIndex: 0, dataIndex: 0, marker: '<i></i>' })).toBe(
      '<i></i><strong>国語</strong><br/>令和7年5月1日<br/>漢字&lt;テスト&gt;',
    );
  });

  it.each([{ seriesIndex: 1, dataIndex: 0 }, { seriesIndex: 0, dataIndex: 5 }, {}])(
    'is empty for a point that does not exist (%o)',
    (params) => {
      expect(tooltipHtml(series, params)).toBe('');
    },
  );
});

describe('buildLineChartOption', () => {
  it('plots [date, value] pairs on a time axis within the given range', () => {
    const option = buildLineChartOption({ series, yMin: 0, yMax: 100, yAxisName: '%', timeLabels });
    expect(option.xAxis).toMatchObject({ type: 'time', axisLabel: { formatter: timeLabels } });
    expect(option.yAxis).toMatchObject({ type: 'value', min: 0, max: 100, name: '%' });
    expect(option.series).toEqual([
      expect.objectContaining({
        type: 'line',
        id: 'JPN',
        name: '国語',
        color: '#d9480f',
        data: [
          ['2025-05-01', 80],
          ['2025-06-01', 66.7],
        ],
      }),
    ]);
  });

  it('has no series for no data', () => {
    expect(buildLineChartOption({ series: [], timeLabels }).series).toEqual([]);
  });
});
