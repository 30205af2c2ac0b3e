import { z } from 'zod';

/** Every error response: a stable code for programs and a message for people. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems of a rejected request, when there are any. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const IdParam = z.coerce.number().int().positive();

/** One problem of an uploaded file: where it is and what would have been accepted there. */
export const FileIssue = z.object({
  /** e.g. 'users.csv' */
  file: z.string(),
  /** the file's row (1 = the header); 0 when the problem is about the whole file or package */
  row: z.number().int().min(0),
  column: z.string(),
  value: z.string(),
  /** what would have been accepted, in Japanese */
  expected: z.string(),
});
export type FileIssue = z.infer<typeof FileIssue>;

/** `?page=&pageSize=` of a paged list: pages count from 1, 20 items a page unless asked, at most 100. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** What a paged list answers beside its items: how many there are in all, and which page this is. */
export const PageInfo = {
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
};
