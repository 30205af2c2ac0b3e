import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { assessmentResults, assessments, schoolYears } from '../../db/schema/index.ts';

/** Every test result of one child across all years, oldest first. */
export async function getTestResults(tx: Tx, studentId: number) {
  return tx
    .select({
      assessmentId: assessments.id,
      title: assessments.title,
      kind: assessments.kind,
      subjectCode: assessments.subjectCode,
      gradeCode: assessments.gradeCode,
      administeredOn: assessments.administeredOn,
      fiscalYear: schoolYears.fiscalYear,
      score: assessmentResults.score,
      maxScore: assessments.maxScore,
    })
    .from(assessmentResults)
    .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
    .innerJoin(schoolYears, eq(schoolYears.id, assessments.schoolYearId))
    .where(eq(assessmentResults.studentId, studentId))
    .orderBy(asc(assessments.administeredOn), asc(assessments.id));
}
