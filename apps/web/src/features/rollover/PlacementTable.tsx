import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { gradeShortLabelJa, type RolloverAssignment, type RolloverPlacement } from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseClassName, placementGroups } from './mappers.ts';

/**
 * The plan per pupil for one school and grade, with 組 and 出席番号 editable one pupil at a time,
 * and, for a 小6 pupil going on to 中学校, the 中学校 (学区外・指定校変更).
 */
export function PlacementTable({
  placements,
  juniorHighSchools,
  overridden,
  onEdit,
  onDestination,
  disabled,
}: {
  placements: readonly RolloverPlacement[];
  juniorHighSchools: readonly { id: number; name: string }[];
  /** pupils whose 中学校 was chosen one by one (studentId → 中学校) */
  overridden: Readonly<Record<number, number>>;
  onEdit: (change: RolloverAssignment) => void;
  onDestination: (studentId: number, juniorHighSchoolId: number) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const groups = placementGroups(placements);
  const [group, setGroup] = useState<string | null>(groups[0]?.value ?? null);
  const [editing, setEditing] = useState<RolloverPlacement | null>(null);
  const [className, setClassName] = useState('');
  const [attendanceNo, setAttendanceNo] = useState<number | string>('');
  const [destination, setDestination] = useState<string | null>(null);
  const shown = placements.filter((p) => `${String(p.schoolId)}|${p.gradeCode}` === group);

  const open = (p: RolloverPlacement) => {
    setEditing(p);
    setClassName(p.className);
    setAttendanceNo(p.attendanceNo);
    setDestination(String(p.schoolId));
  };
  const movesSchool = editing !== null && destination !== null && destination !== String(editing.schoolId);
  const save = () => {
    if (!editing) return;
    if (movesSchool) {
      // another 中学校: the pupil is placed there afresh (its classes, its 出席番号)
      onDestination(editing.studentId, Number(destination));
      setEditing(null);
      return;
    }
    if (typeof attendanceNo !== 'number' || className.trim() === '') return;
    onEdit({ studentId: editing.studentId, className: normaliseClassName(className), attendanceNo });
    setEditing(null);
  };

  if (groups.length === 0) return <Text c="dimmed">{t('rollover.noPlacements')}</Text>;
  return (
    <Stack gap="xs">
      <Select
        label={t('rollover.placementGroup')}
        data={groups.map((g) => ({
          value: g.value,
          label: t('rollover.placementGroupLabel', {
            school: g.schoolName,
            grade: g.grade,
            pupils: g.pupils,
          }),
        }))}
        value={group}
        onChange={setGroup}
        allowDeselect={false}
        searchable
        w={360}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder verticalSpacing={4} aria-label={t('rollover.placements')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rollover.className')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('rollover.attendanceNo')}
              </Table.Th>
              <Table.Th scope="col">{t('rollover.pupilName')}</Table.Th>
              <Table.Th scope="col">{t('rollover.from')}</Table.Th>
              <Table.Th scope="col">{t('rollover.edit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={p.studentId}>
                <Table.Td>{p.className}</Table.Td>
                <Table.Td ta="right">{p.attendanceNo}</Table.Td>
                <Table.Td>
                  {p.name}
                  <Text span size="xs" c="dimmed" ml={6}>
                    {p.kana}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.fromLabel}
                  {p.kind === 'advance' ? `（${t('rollover.advance')}）` : ''}
                  {overridden[p.studentId] !== undefined ? (
                    <Badge ml={6} size="sm" variant="light" color="grape">
                      {t('rollover.destinationChosen')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    disabled={disabled}
                    onClick={() => open(p)}
                    aria-label={t('rollover.editPupil', { name: p.name })}
                  >
                    {t('rollover.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing
            ? t('rollover.editTitle', {
                name: editing.name,
                grade: gradeShortLabelJa(editing.gradeCode),
              })
            : ''
        }
      >
        <Stack>
          {editing?.kind === 'advance' ? (
            <Select
              label={t('rollover.destination')}
              description={t('rollover.destinationHint')}
              data={juniorHighSchools.map((s) => ({ value: String(s.id), label: s.name }))}
              value={destination}
              onChange={setDestination}
              allowDeselect={false}
            />
          ) : null}
          <TextInput
            disabled={movesSchool}
            label={t('rollover.className')}
            description={t('rollover.classNameHint')}
            value={className}
            onChange={(e) => setClassName(e.currentTarget.value)}
            error={className.trim() === '' ? t('rollover.required') : null}
          />
          <NumberInput
            disabled={movesSchool}
            label={t('rollover.attendanceNo')}
            min={1}
            max={999}
            allowDecimal={false}
            value={attendanceNo}
            onChange={setAttendanceNo}
            error={typeof attendanceNo === 'number' ? null : t('rollover.required')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(null)}>
              {t('rollover.cancel')}
            </Button>
            <Button onClick={save}>{t('rollover.applyEdit')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
