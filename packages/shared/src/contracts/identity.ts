import { z } from 'zod';
import { IsoDateString } from './common.ts';

/** 名寄せ (A5): review queue, link/separate, merge and unmerge of person records. */

export const IdentityReviewStatus = z.enum(['pending', 'linked', 'separate']);
export type IdentityReviewStatus = z.infer<typeof IdentityReviewStatus>;

export const IdentityReviewsQuery = z.object({ status: IdentityReviewStatus.default('pending') });

/** One stay of a person at a school: which year, school and class. */
export const PersonStay = z.object({
  fiscalYear: z.number().int(),
  schoolName: z.string(),
  /** e.g. 6年1組 */
  classLabel: z.string(),
  startDate: IsoDateString,
  endDate: IsoDateString,
});
export type PersonStay = z.infer<typeof PersonStay>;

export const PersonSummary = z.object({
  id: z.number().int(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  birthDate: IsoDateString.nullable(),
  stays: z.array(PersonStay),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

/** The record as the other system sent it. */
export const IncomingRecord = z.object({
  system: z.string(),
  sourceId: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  birthDate: IsoDateString.nullable(),
});
export type IncomingRecord = z.infer<typeof IncomingRecord>;

export const IdentityReview = z.object({
  id: z.number().int(),
  status: IdentityReviewStatus,
  schoolName: z.string().nullable(),
  incoming: IncomingRecord,
  candidate: PersonSummary,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type IdentityReview = z.infer<typeof IdentityReview>;

export const IdentityReviewsResponse = z.object({ reviews: z.array(IdentityReview) });
export type IdentityReviewsResponse = z.infer<typeof IdentityReviewsResponse>;

export const IdentityReviewResponse = z.object({
  review: IdentityReview,
  /** the person the source id now belongs to */
  personId: z.number().int(),
});
export type IdentityReviewResponse = z.infer<typeof IdentityReviewResponse>;

export const MergePeopleRequest = z.object({
  survivorId: z.number().int().positive(),
  mergedId: z.number().int().positive(),
});
export type MergePeopleRequest = z.infer<typeof MergePeopleRequest>;

export const PersonMergeSummary = z.object({
  id: z.number().int(),
  survivor: PersonSummary,
  merged: PersonSummary,
  /** rows moved per column, e.g. { 'enrollments.student_id': 3 } */
  moved: z.record(z.string(), z.number().int()),
  mergedAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type PersonMergeSummary = z.infer<typeof PersonMergeSummary>;

export const PersonMergeResponse = z.object({ merge: PersonMergeSummary });
export type PersonMergeResponse = z.infer<typeof PersonMergeResponse>;

export const PersonMergesResponse = z.object({ merges: z.array(PersonMergeSummary) });
export type PersonMergesResponse = z.infer<typeof PersonMergesResponse>;
