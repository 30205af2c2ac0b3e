import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pageCount } from './pagination.ts';

/**
 * The page buttons under a long list, read out as 前のページ / 3ページ目 / 次のページ. Nothing when
 * the list fits on one page.
 */
export function ListPager({
  total,
  pageSize,
  page,
  onChange,
  label,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
  /** what the pages are of, e.g. 取り込み履歴のページ */
  label: string;
}) {
  const { t } = useTranslation();
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <Pagination
      total={pages}
      value={page}
      onChange={onChange}
      aria-label={label}
      getControlProps={(control) => ({ 'aria-label': t(`common.pager.${control}`) })}
      getItemProps={(item) => ({ 'aria-label': t('common.pager.page', { page: item }) })}
    />
  );
}
