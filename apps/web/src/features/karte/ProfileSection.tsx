import { Anchor, Table, Text } from '@mantine/core';
import type { StudentProfile } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate } from '../../lib/format.ts';
import { EnrollmentHistoryTable } from './EnrollmentHistoryTable.tsx';
import { KarteSection } from './KarteSection.tsx';

/** 基本情報 (birth date in 和暦, sex, school/class/出席番号 of the karte's year) and 在籍履歴. */
export function ProfileSection({ profile }: { profile: StudentProfile }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { current } = profile;
  const notEnrolled = <Text c="dimmed">{t('karte.profile.notEnrolled')}</Text>;
  return (
    <KarteSection id="profile" title={t('karte.profile.title')}>
      <Table withRowBorders layout="fixed" maw={560} mb="lg">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row" w="40%">
              {t('karte.profile.birthDate')}
            </Table.Th>
            <Table.Td>
              {profile.birthDate ? formatDate(profile.birthDate, lang) : t('common.notRecorded')}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('karte.profile.sex')}</Table.Th>
            <Table.Td>{t(`person.sex.${profile.sex}`)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('karte.profile.school')}</Table.Th>
            <Table.Td>{current ? current.schoolName : notEnrolled}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('karte.profile.class')}</Table.Th>
            <Table.Td>
              {current ? (
                <Anchor component={Link} to={`/classes/${String(current.classId)}`}>
                  {current.classLabel}
                </Anchor>
              ) : (
                notEnrolled
              )}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('karte.profile.attendanceNo')}</Table.Th>
            <Table.Td>{current ? current.attendanceNo : '—'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <EnrollmentHistoryTable history={profile.history} />
    </KarteSection>
  );
}
