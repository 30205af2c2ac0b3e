import { createHmac, timingSafeEqual } from 'node:crypto';

/** X-Edukarte-Signature: 'sha256=' + hex HMAC-SHA256 of the raw body with the subscription secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does to check a delivery (used in tests and documented for 校務 vendors). */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
