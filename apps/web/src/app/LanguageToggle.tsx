import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n/index.ts';
import { isLang } from '../i18n/resources.ts';

/** 日本語 / English switch; each label is marked with its own language for screen readers. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      value={isLang(i18n.language) ? i18n.language : 'ja'}
      onChange={(value) => {
        if (isLang(value)) void setLang(value);
      }}
      data={[
        { value: 'ja', label: <span lang="ja">{t('lang.ja')}</span> },
        { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
      ]}
    />
  );
}
