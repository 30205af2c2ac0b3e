/**
 * Rules for a webhook receiver's address (出欠 back to the 校務 system). The server enforces them and
 * the admin screen checks them as the admin types; the codes are stable and translated on screen.
 */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

export type WebhookUrlProblem =
  'webhook_url_invalid' | 'webhook_url_too_long' | 'webhook_url_insecure' | 'webhook_url_credentials';

export const WEBHOOK_URL_MESSAGES_JA: Record<WebhookUrlProblem, string> = {
  webhook_url_invalid: 'URL の形式が正しくありません（例: https://koumu.example.jp/edukarte）',
  webhook_url_too_long: `URL は ${WEBHOOK_URL_MAX_LENGTH} 文字以内で指定してください`,
  webhook_url_insecure:
    'https:// で始まる URL を指定してください（http:// は開発用の localhost / 127.0.0.1 だけに使えます）',
  webhook_url_credentials: 'URL にユーザー名やパスワードを含めないでください',
};

/** Hosts a developer's own machine answers on; plain http is allowed only for them. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** scheme, optional user info, host (name, IPv4 or [IPv6]), optional port, then path / query / fragment */
const URL_PATTERN =
  /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#\s]*)@)?(\[[0-9a-f:.]+\]|[^:/?#\s[\]@]+)(?::(\d{1,5}))?([/?#]\S*)?$/i;

/**
 * null when the address may receive deliveries, otherwise the first problem. Parsed here rather than
 * with `URL` so the same rule runs in the browser, on the server and in this package's tests.
 */
export function webhookUrlProblem(value: string): WebhookUrlProblem | null {
  const text = value.trim();
  if (text.length > WEBHOOK_URL_MAX_LENGTH) return 'webhook_url_too_long';
  const match = URL_PATTERN.exec(text);
  if (!match) return 'webhook_url_invalid';
  const [, scheme = '', userInfo, host = '', port] = match;
  const protocol = scheme.toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') return 'webhook_url_invalid';
  if (port !== undefined && Number(port) > 65535) return 'webhook_url_invalid';
  if (!/^\[/.test(host) && !/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(host) && !/[^\p{ASCII}]/u.test(host))
    return 'webhook_url_invalid';
  if (userInfo !== undefined) return 'webhook_url_credentials';
  if (protocol === 'http' && !LOOPBACK_HOSTS.has(host.toLowerCase())) return 'webhook_url_insecure';
  return null;
}
