import { Badge, Button, Card, Group, List, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { IdentityReview } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { compareRecords, stayLines } from './mappers.ts';

/** One pending review: the incoming record beside the candidate, with the two decisions. */
export function ReviewCard({
  review,
  canDecide,
  busy,
  onDecide,
}: {
  review: IdentityReview;
  canDecide: boolean;
  busy: boolean;
  onDecide: (decision: 'link' | 'separate') => void;
}) {
  const { t } = useTranslation();
  const rows = compareRecords(review.incoming, review.candidate, t('identity.noValue'));
  const stays = stayLines(review.candidate);
  return (
    <Card withBorder padding="md" data-testid={`review-${String(review.id)}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>
            {review.incoming.familyName} {review.incoming.givenName}
          </Text>
          {review.schoolName ? <Badge variant="light">{review.schoolName}</Badge> : null}
        </Group>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('identity.field')}</VisuallyHidden>
                </Table.Th>
                <Table.Th scope="col">{t('identity.incoming')}</Table.Th>
                <Table.Th scope="col">{t('identity.candidate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.field}>
                  <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                    {t(`identity.fields.${row.field}`)}
                  </Table.Th>
                  <Table.Td>{row.incoming}</Table.Td>
                  <Table.Td>
                    {row.candidate}{' '}
                    {row.same ? (
                      <Badge size="xs" color="teal" variant="light">
                        {t('identity.same')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('identity.fields.stays')}</Table.Th>
                <Table.Td>{t('identity.noValue')}</Table.Td>
                <Table.Td>
                  {stays.length === 0 ? (
                    t('identity.noValue')
                  ) : (
                    <List size="sm" spacing={2}>
                      {stays.map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canDecide ? (
          <Group>
            <Button onClick={() => onDecide('link')} loading={busy}>
              {t('identity.link')}
            </Button>
            <Button variant="default" onClick={() => onDecide('separate')} disabled={busy}>
              {t('identity.separate')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('identity.adminDecides')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
