import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLang, resources, type Lang } from './resources.ts';

const STORAGE_KEY = 'edukarte.lang';

function readStoredLang(): Lang | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** True when the user has chosen a language on this device (then it wins over the account's locale). */
export function hasStoredLang(): boolean {
  return readStoredLang() !== null;
}

function applyHtmlLang(lang: string): void {
  document.documentElement.lang = lang;
}

i18n.on('languageChanged', applyHtmlLang);

// Resources are bundled, so initialisation completes synchronously (initAsync: false).
void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLang() ?? 'ja',
  fallbackLng: 'ja',
  supportedLngs: ['ja', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyHtmlLang(i18n.language);

export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : 'ja';
}

/** Switches the UI language and remembers it on this device. */
export async function setLang(lang: Lang, { remember = true } = {}): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
  await i18n.changeLanguage(lang);
}

export { i18n };
