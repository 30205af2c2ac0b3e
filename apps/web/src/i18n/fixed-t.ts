import i18next, { type TFunction } from 'i18next';
import { resources, type Lang } from './resources.ts';

/**
 * A translate function for one language outside React (mapper tests): its own i18next instance
 * over the bundled resources, so it never touches the app's language or the browser.
 */
export function fixedT(lang: Lang): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: lang,
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.getFixedT(lang);
}
