import { Anchor, Badge, Group, Table, VisuallyHidden } from '@mantine/core';
import type { ClassSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Classes as a table; each class label links to its roster. Rows are already in display order. */
export function ClassListTable({ classes }: { classes: readonly ClassSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped highlightOnHover verticalSpacing={2}>
        <Table.Caption>
          <VisuallyHidden>{t('classes.tableCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('classes.class')}</Table.Th>
            <Table.Th scope="col">{t('classes.school')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('classes.students')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.map((c) => (
            <Table.Tr key={c.id} data-testid={`class-row-${String(c.id)}`}>
              <Table.Th scope="row" fw="normal">
                <Group gap="xs" wrap="wrap">
                  <Anchor
                    component={Link}
                    to={`/classes/${String(c.id)}`}
                    fw={700}
                    fz="lg"
                    className="ek-touch"
                  >
                    {c.label}
                  </Anchor>
                  {c.isMyHomeroom ? (
                    <Badge color="teal" variant="filled">
                      {t('classes.myHomeroom')}
                    </Badge>
                  ) : null}
                  {c.isSpecialNeeds ? (
                    <Badge color="grape" variant="light">
                      {t('classes.specialNeeds')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Th>
              <Table.Td>{c.schoolName}</Table.Td>
              <Table.Td ta="right">{t('common.people', { count: c.studentCount })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
