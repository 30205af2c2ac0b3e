import { describe, expect, it } from 'vitest';
import type { Role } from '@edukarte/shared';
import type { Actor } from '../src/auth/actor.ts';
import { can, type Subject } from '../src/auth/policy.ts';

const actor = (
  role: Role,
  schoolId: number | null = role === 'board' || role === 'admin' ? null : 10,
): Actor => ({
  userId: 1,
  loginId: role,
  role,
  displayName: role,
  personId: 100,
  municipalityId: 1,
  schoolId,
  locale: 'ja',
});

describe('can: 校務 imports, 出欠 export and webhooks', () => {
  it.each<[string, Actor, Subject, boolean]>([
    ['admin, municipality-wide import', actor('admin'), { action: 'koumu:import', schoolId: null }, true],
    ['admin, one school', actor('admin'), { action: 'koumu:import', schoolId: 11 }, true],
    ['principal, own school', actor('principal'), { action: 'koumu:import', schoolId: 10 }, true],
    ['principal, another school', actor('principal'), { action: 'koumu:import', schoolId: 11 }, false],
    ['principal, municipality-wide', actor('principal'), { action: 'koumu:import', schoolId: null }, false],
    ['teacher', actor('teacher'), { action: 'koumu:import', schoolId: 10 }, false],
    ['nurse', actor('nurse'), { action: 'koumu:import', schoolId: 10 }, false],
    ['board', actor('board'), { action: 'koumu:import', schoolId: null }, false],
    ['student', actor('student'), { action: 'koumu:import', schoolId: 10 }, false],
    ['export: admin', actor('admin'), { action: 'koumu:attendance-export', schoolId: 10 }, true],
    [
      'export: principal, own school',
      actor('principal'),
      { action: 'koumu:attendance-export', schoolId: 10 },
      true,
    ],
    ['export: nurse, own school', actor('nurse'), { action: 'koumu:attendance-export', schoolId: 10 }, true],
    [
      'export: nurse, another school',
      actor('nurse'),
      { action: 'koumu:attendance-export', schoolId: 11 },
      false,
    ],
    ['export: teacher', actor('teacher'), { action: 'koumu:attendance-export', schoolId: 10 }, false],
    ['export: board', actor('board'), { action: 'koumu:attendance-export', schoolId: 10 }, false],
    ['export: student', actor('student'), { action: 'koumu:attendance-export', schoolId: 10 }, false],
    ['webhooks: admin', actor('admin'), { action: 'webhook:manage' }, true],
    ['webhooks: principal', actor('principal'), { action: 'webhook:manage' }, false],
  ])('%s', (_name, who, subject, allowed) => {
    expect(can(who, subject).allowed).toBe(allowed);
  });
});
