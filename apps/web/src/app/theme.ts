import { Button, NativeSelect, SegmentedControl, Table, createTheme } from '@mantine/core';

/**
 * Japanese-first typography and touch-sized controls (≥ 42 px) for teachers' tablets.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily:
    '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "BIZ UDPGothic", Meiryo, system-ui, -apple-system, "Segoe UI", sans-serif',
  headings: {
    fontFamily:
      '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "BIZ UDPGothic", Meiryo, system-ui, sans-serif',
    fontWeight: '700',
  },
  defaultRadius: 'md',
  components: {
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { size: 'md' } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: 'sm' } }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } }),
  },
});
