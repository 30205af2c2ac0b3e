import { Group, Select } from '@mantine/core';
import type { ClassSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { classesOf, schoolsOf } from './mappers.ts';

/** 学校 → 学級, from the current year's class list. */
export function SchoolClassPicker({
  classes,
  schoolId,
  classId,
  onSchool,
  onClass,
  classError,
}: {
  classes: readonly ClassSummary[];
  schoolId: number | null;
  classId: number | null;
  onSchool: (id: number | null) => void;
  onClass: (id: number | null) => void;
  classError?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <Select
        label={t('transfers.school')}
        placeholder={t('transfers.pickSchool')}
        data={schoolsOf(classes)}
        value={schoolId === null ? null : String(schoolId)}
        onChange={(v) => {
          onSchool(v ? Number(v) : null);
          onClass(null);
        }}
        searchable
      />
      <Select
        label={t('transfers.class')}
        placeholder={t('transfers.pickClass')}
        data={classesOf(classes, schoolId)}
        value={classId === null ? null : String(classId)}
        onChange={(v) => onClass(v ? Number(v) : null)}
        disabled={schoolId === null}
        error={classError}
        searchable
      />
    </Group>
  );
}
