import { Badge, Select, Table, Text } from '@mantine/core';
import type { RolloverPlanResponse } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';

/** 進学先の中学校: per 小学校, a choice of 中学校 (an explicit choice overrides last years' pattern). */
export function MappingEditor({
  plan,
  onChange,
  disabled,
}: {
  plan: RolloverPlanResponse;
  onChange: (elementarySchoolId: number, juniorHighSchoolId: number) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const options = plan.juniorHighSchools.map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <Table withTableBorder verticalSpacing="xs" aria-label={t('rollover.mapping')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('rollover.elementarySchool')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('rollover.sixthGraders')}
          </Table.Th>
          <Table.Th scope="col">{t('rollover.juniorHighSchool')}</Table.Th>
          <Table.Th scope="col">{t('rollover.basisColumn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.juniorHighMapping.map((m) => (
          <Table.Tr key={m.elementarySchoolId}>
            <Table.Th scope="row">{m.elementarySchoolName}</Table.Th>
            <Table.Td ta="right">{t('common.people', { count: m.sixthGraders })}</Table.Td>
            <Table.Td>
              <Select
                aria-label={t('rollover.juniorHighFor', { school: m.elementarySchoolName })}
                placeholder={t('rollover.noJuniorHigh')}
                data={options}
                value={m.juniorHighSchoolId === null ? null : String(m.juniorHighSchoolId)}
                allowDeselect={false}
                disabled={disabled}
                onChange={(v) => {
                  if (v) onChange(m.elementarySchoolId, Number(v));
                }}
                w={240}
              />
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={m.basis === 'none' ? 'orange' : 'gray'}>
                {t(`rollover.basis.${m.basis}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {plan.juniorHighSchools.length === 0 ? (
        <Table.Caption>
          <Text size="sm">{t('rollover.noJuniorHighSchools')}</Text>
        </Table.Caption>
      ) : null}
    </Table>
  );
}
