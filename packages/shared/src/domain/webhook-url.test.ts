import { describe, expect, it } from 'vitest';
import { WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from './webhook-url.ts';

describe('webhookUrlProblem', () => {
  it.each([
    ['https://koumu.example.jp/edukarte', null],
    ['  https://koumu.example.jp:8443/hook?school=1  ', null],
    ['http://localhost:3000/hook', null],
    ['http://127.0.0.1:41234/edukarte', null],
    ['http://[::1]:8080/', null],
    ['HTTPS://Koumu.Example.JP/Hook', null],
    ['http://LOCALHOST:3000/', null],
    ['https://学校.example.jp/hook', null],
    ['https://koumu.example.jp:99999/', 'webhook_url_invalid'],
    ['https://koumu example.jp/', 'webhook_url_invalid'],
    ['http://koumu.example.jp/edukarte', 'webhook_url_insecure'],
    ['http://192.168.0.10/hook', 'webhook_url_insecure'],
    ['http://localhost.example.jp/hook', 'webhook_url_insecure'],
    ['ftp://koumu.example.jp/', 'webhook_url_invalid'],
    ['koumu.example.jp/edukarte', 'webhook_url_invalid'],
    ['', 'webhook_url_invalid'],
    ['https://', 'webhook_url_invalid'],
    ['https://user:pass@koumu.example.jp/', 'webhook_url_credentials'],
    [`https://koumu.example.jp/${'a'.repeat(WEBHOOK_URL_MAX_LENGTH)}`, 'webhook_url_too_long'],
  ] as const)('%s → %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});
