import { describe, expect, it } from 'vitest';
import { drillDailyDeltas, usageDailyDeltas } from './rollup-deltas.ts';
import type { DrillRow, UsageRow } from './typed-events.ts';

const drill = (overrides: Partial<DrillRow>): DrillRow => ({
  schoolId: 1,
  studentId: 10,
  toolId: 1,
  answeredAt: '2026-11-20T10:00:00+09:00',
  subjectCode: 'MATH',
  unitCode: 'MATH-P5-03',
  itemCode: 'MATH-P5-03-01',
  isCorrect: true,
  durationMs: 1000,
  statementId: '00000000-0000-4000-8000-000000000000',
  ...overrides,
});

const usage = (overrides: Partial<UsageRow>): UsageRow => ({
  schoolId: 1,
  personId: 10,
  classId: 100,
  toolId: 2,
  device: 'tablet',
  purpose: 'lesson',
  startedAt: '2026-11-20T10:00:00+09:00',
  minutes: 15,
  statementId: '00000000-0000-4000-8000-000000000000',
  ...overrides,
});

describe('drillDailyDeltas', () => {
  it.each([
    { name: 'no rows add nothing', rows: [], expected: [] },
    {
      name: 'answers of one pupil, unit and day are summed',
      rows: [drill({}), drill({ isCorrect: false, durationMs: 2500 }), drill({ durationMs: 500 })],
      expected: [{ studentId: 10, date: '2026-11-20', answered: 3, correct: 2, durationMs: 4000 }],
    },
    {
      name: 'the day is the Japan date: 23:30 UTC is the next morning in Japan',
      rows: [drill({ answeredAt: '2026-11-19T23:30:00Z' }), drill({ answeredAt: '2026-11-19T14:59:00Z' })],
      expected: [
        { studentId: 10, date: '2026-11-19', answered: 1, correct: 1, durationMs: 1000 },
        { studentId: 10, date: '2026-11-20', answered: 1, correct: 1, durationMs: 1000 },
      ],
    },
    {
      name: 'different pupils stay apart, in key order whatever the input order',
      rows: [drill({ studentId: 12 }), drill({ studentId: 9 }), drill({ studentId: 12, isCorrect: false })],
      expected: [
        { studentId: 9, date: '2026-11-20', answered: 1, correct: 1, durationMs: 1000 },
        { studentId: 12, date: '2026-11-20', answered: 2, correct: 1, durationMs: 2000 },
      ],
    },
  ])('$name', ({ rows, expected }) => {
    expect(
      drillDailyDeltas(rows).map(({ studentId, date, answered, correct, durationMs }) => ({
        studentId,
        date,
        answered,
        correct,
        durationMs,
      })),
    ).toEqual(expected);
  });

  it('orders by school, pupil, date and unit, so concurrent batches lock rollup rows in one order', () => {
    const rows = [
      drill({ schoolId: 2, studentId: 1 }),
      drill({ schoolId: 1, studentId: 5, unitCode: 'MATH-P5-04' }),
      drill({ schoolId: 1, studentId: 5, unitCode: 'JPN-P5-01', subjectCode: 'JPN' }),
      drill({ schoolId: 1, studentId: 5, answeredAt: '2026-11-18T09:00:00+09:00' }),
    ];
    expect(drillDailyDeltas(rows).map((d) => `${d.schoolId}/${d.studentId}/${d.date}/${d.unitCode}`)).toEqual(
      [
        '1/5/2026-11-18/MATH-P5-03',
        '1/5/2026-11-20/JPN-P5-01',
        '1/5/2026-11-20/MATH-P5-04',
        '2/1/2026-11-20/MATH-P5-03',
      ],
    );
  });
});

describe('usageDailyDeltas', () => {
  it.each([
    { name: 'no rows add nothing', rows: [], expected: [] },
    {
      name: 'launches and minutes of one school, day, app, device and purpose are summed',
      rows: [usage({}), usage({ personId: 11, minutes: 5 })],
      expected: [{ date: '2026-11-20', device: 'tablet', launches: 2, minutes: 20 }],
    },
    {
      name: 'another device is another row',
      rows: [usage({ device: 'pc' }), usage({})],
      expected: [
        { date: '2026-11-20', device: 'pc', launches: 1, minutes: 15 },
        { date: '2026-11-20', device: 'tablet', launches: 1, minutes: 15 },
      ],
    },
  ] as const)('$name', ({ rows, expected }) => {
    expect(
      usageDailyDeltas(rows).map(({ date, device, launches, minutes }) => ({
        date,
        device,
        launches,
        minutes,
      })),
    ).toEqual(expected);
  });
});
