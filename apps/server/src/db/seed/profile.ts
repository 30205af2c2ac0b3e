/** How big a municipality each seed size builds, and how busy its learning tools are. */
export interface SizeProfile {
  size: 'demo' | 'city' | 'test';
  municipalityName: string;
  elementarySchools: number;
  juniorHighSchools: number;
  /** pupils per grade in each 小学校, as a range the generator draws from per school */
  cohortPerElementary: readonly [number, number];
  maxClassesPerGrade: number;
  /** drill answers per pupil per year at full adoption */
  drillAnswersPerStudentYear: number;
  /** lesson-support activities (cards shared in class) per class per year at full adoption */
  lessonActivitiesPerClassYear: number;
  /** ICT sessions per pupil per year besides drills and lesson support */
  otherIctSessionsPerStudentYear: number;
  portfolioPerStudentYear: number;
  /** rows per COPY */
  chunkRows: number;
}

export const SIZE_PROFILES: Record<SizeProfile['size'], SizeProfile> = {
  demo: {
    size: 'demo',
    municipalityName: 'こもれび市',
    elementarySchools: 6,
    juniorHighSchools: 3,
    cohortPerElementary: [50, 70],
    maxClassesPerGrade: 4,
    drillAnswersPerStudentYear: 80,
    lessonActivitiesPerClassYear: 8,
    otherIctSessionsPerStudentYear: 8,
    portfolioPerStudentYear: 3,
    chunkRows: 100_000,
  },
  city: {
    size: 'city',
    municipalityName: 'こもれび市',
    elementarySchools: 20,
    juniorHighSchools: 8,
    cohortPerElementary: [50, 72],
    maxClassesPerGrade: 6,
    drillAnswersPerStudentYear: 900,
    lessonActivitiesPerClassYear: 40,
    otherIctSessionsPerStudentYear: 30,
    portfolioPerStudentYear: 3,
    chunkRows: 100_000,
  },
  test: {
    size: 'test',
    municipalityName: 'こもれび市',
    elementarySchools: 2,
    juniorHighSchools: 1,
    cohortPerElementary: [15, 20],
    maxClassesPerGrade: 2,
    drillAnswersPerStudentYear: 60,
    lessonActivitiesPerClassYear: 8,
    otherIctSessionsPerStudentYear: 4,
    portfolioPerStudentYear: 1,
    chunkRows: 50_000,
  },
};

/** 学級編制の標準: 小 35 (all grades from FY2025); 中 40, lowered to 35 from J1 in FY2026 one grade a year. */
export function classCapacity(grade: number, fiscalYear: number): number {
  if (grade <= 6) return 35;
  const firstYearAt35 = 2026 + (grade - 7);
  return fiscalYear >= firstYearAt35 ? 35 : 40;
}

/** Share of tools' full use reached in a year (GIGA devices spread over the years). */
export function adoption(fiscalYear: number): number {
  if (fiscalYear <= 2023) return 0.55;
  if (fiscalYear === 2024) return 0.75;
  if (fiscalYear === 2025) return 0.9;
  return 1;
}
