import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from './resources.ts';

/** The current UI language as the app's `Lang` type (re-renders on change). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return isLang(i18n.language) ? i18n.language : 'ja';
}
