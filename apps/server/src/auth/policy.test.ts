import { describe, expect, it } from 'vitest';
import type { Role } from '@edukarte/shared';
import type { Actor } from './actor.ts';
import { can, karteScopeOf, schoolScopeOf, type Subject } from './policy.ts';

const actor = (role: Role, overrides: Partial<Actor> = {}): Actor => ({
  userId: 1,
  loginId: role,
  role,
  displayName: role,
  personId: 100,
  municipalityId: 1,
  schoolId: role === 'board' || role === 'admin' ? null : 10,
  locale: 'ja',
  ...overrides,
});

const karte = (overrides: Partial<Extract<Subject, { action: 'student:karte' }>> = {}): Subject => ({
  action: 'student:karte',
  studentId: 500,
  currentSchoolIds: [10],
  inActorsClass: false,
  ...overrides,
});

describe('can: student karte', () => {
  it.each([
    ['teacher who teaches the child', actor('teacher'), karte({ inActorsClass: true }), true],
    ['teacher of the same school, not the child’s class', actor('teacher'), karte(), false],
    ['teacher of another school', actor('teacher', { schoolId: 11 }), karte({ inActorsClass: true }), false],
    [
      'teacher: child moved here mid-year',
      actor('teacher'),
      karte({ currentSchoolIds: [20, 10], inActorsClass: true }),
      true,
    ],
    [
      'principal of the child’s former school (小学校 after 中学校 entry)',
      actor('principal', { schoolId: 20 }),
      karte({ currentSchoolIds: [10] }),
      false,
    ],
    ['nurse of the school', actor('nurse'), karte(), true],
    ['nurse of another school', actor('nurse', { schoolId: 11 }), karte(), false],
    ['principal of the school', actor('principal'), karte(), true],
    ['principal of another school', actor('principal', { schoolId: 11 }), karte(), false],
    ['the child themself', actor('student', { personId: 500 }), karte(), true],
    ['another child', actor('student', { personId: 501 }), karte(), false],
    ['board', actor('board'), karte(), false],
    ['admin', actor('admin'), karte(), false],
  ])('%s → %s', (_name, who, subject, allowed) => {
    expect(can(who, subject).allowed).toBe(allowed);
  });

  it('gives a Japanese reason when it denies', () => {
    const decision = can(actor('board'), karte());
    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? '' : decision.reason).toContain('教育委員会');
  });
});

describe('can: class roster and list', () => {
  const roster = (schoolId: number, taughtByActor: boolean): Subject => ({
    action: 'class:roster',
    schoolId,
    taughtByActor,
  });
  it.each([
    ['teacher of the class', actor('teacher'), roster(10, true), true],
    ['teacher not teaching the class', actor('teacher'), roster(10, false), false],
    ['teacher of another school', actor('teacher', { schoolId: 11 }), roster(10, true), false],
    ['nurse', actor('nurse'), roster(10, false), true],
    ['principal of another school', actor('principal', { schoolId: 11 }), roster(10, false), false],
    ['board', actor('board'), roster(10, false), false],
    ['student', actor('student'), roster(10, true), false],
    ['admin', actor('admin'), roster(10, false), true],
  ])('%s → %s', (_name, who, subject, allowed) => {
    expect(can(who, subject).allowed).toBe(allowed);
  });

  it.each([
    ['teacher', true],
    ['nurse', true],
    ['principal', true],
    ['admin', true],
    ['board', false],
    ['student', false],
  ] as const)('class list for %s → %s', (role, allowed) => {
    expect(can(actor(role), { action: 'class:list' }).allowed).toBe(allowed);
  });
});

describe('database scopes', () => {
  it('keeps a teacher to their school', () => {
    expect(schoolScopeOf(actor('teacher'), [10, 11, 12])).toMatchObject({
      dbRole: 'edukarte_scoped',
      schoolIds: [10],
    });
  });
  it('gives the board every school but the de-identified role', () => {
    expect(schoolScopeOf(actor('board'), [10, 11])).toMatchObject({
      dbRole: 'edukarte_board',
      schoolIds: [10, 11],
    });
  });
  it('limits a student to their own rows and hides staff tables', () => {
    expect(schoolScopeOf(actor('student', { personId: 500 }), [10])).toMatchObject({
      studentId: 500,
      callerIsStudent: true,
    });
  });
  it('opens one child across the schools they attended', () => {
    expect(karteScopeOf(actor('teacher'), 500, [10, 20])).toMatchObject({
      schoolIds: [10, 20],
      studentId: 500,
      callerIsStudent: false,
    });
  });
});
