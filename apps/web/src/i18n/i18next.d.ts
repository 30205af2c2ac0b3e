import 'i18next';
import type en from './en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // English has every key, including the domain labels merged into Japanese at runtime.
    resources: { translation: typeof en };
  }
}
