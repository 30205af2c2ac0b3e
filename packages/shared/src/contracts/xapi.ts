import { z } from 'zod';

/**
 * 連携アプリ (registered client applications: xAPI learning tools, OneRoster roster consumers),
 * managed by the municipality's system administrator. The secret is shown once, when registered.
 */
export const ClientKind = z.enum(['xapi', 'oneroster']);
export type ClientKind = z.infer<typeof ClientKind>;

export const ApiClientSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ClientKind,
  /** the public key (xAPI: HTTP Basic user name; OneRoster: client_id) */
  clientKey: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiClientSummary = z.infer<typeof ApiClientSummary>;

export const ApiClientListResponse = z.object({ clients: z.array(ApiClientSummary) });
export type ApiClientListResponse = z.infer<typeof ApiClientListResponse>;

export const RegisterClientRequest = z.object({
  name: z.string().trim().min(1, 'アプリ名を入力してください').max(100, 'アプリ名は100文字までです'),
  kind: ClientKind,
});
export type RegisterClientRequest = z.infer<typeof RegisterClientRequest>;

export const RegisterClientResponse = z.object({
  client: ApiClientSummary,
  /** shown once: only its hash is stored */
  secret: z.string(),
});
export type RegisterClientResponse = z.infer<typeof RegisterClientResponse>;
