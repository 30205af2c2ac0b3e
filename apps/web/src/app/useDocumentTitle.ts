import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the browser tab (and the screen-reader page title) after the screen. */
export function useDocumentTitle(page: string | null): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = page ? t('app.documentTitle', { page }) : t('app.name');
  }, [page, t]);
}
