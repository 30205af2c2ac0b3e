import { hash } from '@node-rs/argon2';
import type { Role } from '@edukarte/shared';
import { DEMO_PASSWORD, OTHER_SCHOOL_TEACHER } from './demo-accounts.ts';
import type { StaffModel, World } from './model.ts';
import { staffingKey } from './model.ts';
import { since } from './org.ts';

/**
 * Hashes the shared demo password once (argon2id, salt from the seeded generator so the data stays
 * identical run to run) and creates the demo accounts plus one account for every member of staff
 * at their current school (loginId `staff-<personId>`).
 */
export async function buildAccounts(world: World): Promise<void> {
  const cast = world.cast;
  if (!cast) throw new Error('cast the demo first');
  const rng = world.rng.fork('password-salt');
  const salt = Uint8Array.from({ length: 16 }, () => rng.int(0, 255));
  const passwordHash = await hash(DEMO_PASSWORD, { salt });
  const year = world.years[world.years.length - 1];
  const add = (
    loginId: string,
    role: Role,
    person: { id: number; name: { familyName: string; givenName: string } },
    schoolId: number | null,
  ) =>
    world.loader.add('user_accounts', [
      world.ids.take('user_accounts'),
      loginId,
      passwordHash,
      role,
      `${person.name.familyName} ${person.name.givenName}`,
      person.id,
      world.municipalityId,
      schoolId,
      'ja',
      since(year?.start ?? world.asOf),
    ]);

  add('teacher', 'teacher', cast.teacher, cast.school.id);
  add('nurse', 'nurse', cast.nurse, cast.school.id);
  add('principal', 'principal', cast.principal, cast.school.id);
  add('board', 'board', cast.board, null);
  add('student', 'student', cast.student, cast.school.id);
  add('admin', 'admin', cast.admin, null);
  add(OTHER_SCHOOL_TEACHER.loginId, 'teacher', cast.otherTeacher, cast.otherSchool.id);

  if (!year) return;
  const done = new Set<StaffModel>([cast.teacher, cast.nurse, cast.principal, cast.otherTeacher]);
  for (const school of world.schools) {
    const staffing = world.staffing.get(staffingKey(school, year));
    if (!staffing) continue;
    const roles: [StaffModel, Role][] = [
      [staffing.principal, 'principal'],
      [staffing.vicePrincipal, 'principal'],
      [staffing.nurse, 'nurse'],
      ...staffing.teachers.map((t): [StaffModel, Role] => [t, 'teacher']),
    ];
    for (const [person, role] of roles) {
      if (done.has(person)) continue;
      done.add(person);
      add(`staff-${person.id}`, role, person, school.id);
    }
  }
}
