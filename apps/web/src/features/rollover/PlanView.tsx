import { Alert, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { RolloverPlanResponse } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { groupPlanBySchool } from './mappers.ts';

/** The preview of a 年度更新: classes per school and grade, graduates, and pupils with no destination. */
export function PlanView({ plan }: { plan: RolloverPlanResponse }) {
  const { t } = useTranslation();
  const schools = groupPlanBySchool(plan.classes);
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Title order={2} size="h3">
          {t('rollover.planTitle', { title: plan.title })}
        </Title>
        {plan.schoolYearExists ? <Badge color="gray">{t('rollover.yearExists')}</Badge> : null}
      </Group>
      <Text>{t('rollover.summary', { toApply: plan.toApply, already: plan.alreadyRolledOver })}</Text>
      <Text size="sm" c="dimmed" data-testid="rollover-assignment-mode">
        {t(`rollover.modeLine.${plan.classAssignment}`)}
      </Text>
      {plan.withoutDestination.length > 0 ? (
        <Alert color="orange" variant="light" title={t('rollover.withoutDestination')} role="alert">
          <List size="sm">
            {plan.withoutDestination.map((p) => (
              <List.Item key={p.studentId}>
                {p.schoolName} {p.classLabel} {p.name}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={560}>
        <Table striped withTableBorder verticalSpacing="xs" data-testid="rollover-plan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rollover.school')}</Table.Th>
              <Table.Th scope="col">{t('rollover.grade')}</Table.Th>
              <Table.Th scope="col">{t('rollover.classes')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('rollover.pupils')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schools.flatMap((school) =>
              school.grades.map((grade, i) => (
                <Table.Tr key={`${String(school.schoolId)}-${grade.label}`}>
                  {i === 0 ? (
                    <Table.Th
                      scope="rowgroup"
                      rowSpan={school.grades.length}
                      style={{ verticalAlign: 'top' }}
                    >
                      {school.schoolName}
                    </Table.Th>
                  ) : null}
                  <Table.Td>{grade.label}</Table.Td>
                  <Table.Td>
                    {grade.classes
                      .map((c) =>
                        c.advancing > 0
                          ? t('rollover.classWithAdvancing', {
                              name: c.name,
                              pupils: c.pupils,
                              advancing: c.advancing,
                            })
                          : t('rollover.classCount', { name: c.name, pupils: c.pupils }),
                      )
                      .join('、')}
                  </Table.Td>
                  <Table.Td ta="right">{grade.pupils}</Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3} size="h4">
        {t('rollover.graduating')}
      </Title>
      <List size="sm">
        {plan.graduating.map((g) => (
          <List.Item key={g.schoolId}>
            {t('rollover.graduatingLine', { school: g.schoolName, pupils: g.pupils })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
