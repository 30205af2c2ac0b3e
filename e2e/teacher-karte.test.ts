import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useJourney } from './support/journey.ts';

/** [TEACHER][KARTE] sign in → my class → a child's karte, on the demo municipality as `npm start` loads it. */
describe('homeroom teacher journey in Chromium', () => {
  const journey = useJourney();

  it('prints the URL and one demo sign-in per role on start', () => {
    const out = journey.server.output();
    expect(out).toMatch(/edukarte is running: http:\/\/localhost:\d+\//);
    for (const loginId of ['teacher', 'nurse', 'principal', 'board', 'student', 'admin']) {
      expect(out).toMatch(new RegExp(`\\s${loginId}\\s+edukarte-demo`));
    }
    // The load time itself is a benchmark figure (npm run bench), not a timed test.
    expect(out).toMatch(/demo loaded in [\d.]+ s — \d+ schools, \d+ students/);
  });

  it('[TEACHER] signs in, lands on the class, opens a child’s karte', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 820, height: 1180 }, locale: 'ja-JP' });
    await signIn(page, journey.server.baseUrl, 'teacher');
    await page.waitForURL(/\/classes\/\d+$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
      .toMatch(/令和\d+年度\s*\d年\d組/);
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    await screenshot(page, 'teacher-class');

    const firstChild = page.getByRole('table').getByRole('link').first();
    const childName = (await firstChild.textContent())?.trim() ?? '';
    expect(childName).toMatch(/^\S+\s\S+$/);
    await firstChild.click();
    await page.waitForURL(/\/students\/\d+/);
    await expect.poll(() => page.getByRole('heading', { name: '児童生徒カルテ' }).count()).toBe(1);
    await expect.poll(() => page.getByText(childName).first().isVisible()).toBe(true);

    const attendance = page.getByRole('region', { name: '出欠の記録' });
    for (const label of [
      '授業日数',
      '出席停止・忌引等の日数',
      '出席しなければならない日数',
      '欠席日数',
      '出席日数',
    ]) {
      await expect.poll(() => attendance.getByText(label, { exact: true }).count()).toBeGreaterThan(0);
    }
    const trend = page.getByRole('region', { name: 'テスト結果の推移' });
    await expect.poll(() => trend.locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'teacher-karte');
    await page.close();
  });

  it('[TEACHER2] another school’s teacher gets a clear refusal for that karte', async () => {
    const teacherPage = await journey.browser.newPage();
    await signIn(teacherPage, journey.server.baseUrl, 'teacher');
    await teacherPage.waitForURL(/\/classes\/\d+$/);
    await teacherPage.getByRole('table').getByRole('link').first().click();
    await teacherPage.waitForURL(/\/students\/\d+/);
    const karteUrl = new URL(teacherPage.url()).pathname;
    await teacherPage.close();

    const page = await journey.browser.newPage();
    await signIn(page, journey.server.baseUrl, 'teacher2');
    await page.waitForURL(/\/classes/);
    await page.goto(`${journey.server.baseUrl}${karteUrl}`);
    await expect
      .poll(() => page.getByText('この児童生徒のカルテを閲覧する権限がありません').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'teacher2-denied');
    await page.close();
  });
});
