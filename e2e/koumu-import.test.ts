import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useJourney } from './support/journey.ts';

interface ClassList {
  classes: { id: number; gradeCode: string; name: string; isSpecialNeeds: boolean }[];
}
interface Roster {
  students: { attendanceNo: number; status: string }[];
}

/** [PRINCIPAL][KOUMU_IMPORT] upload a 出欠 CSV, see its problems, fix it, commit, see the history. */
describe('principal imports 校務 attendance in Chromium', () => {
  const journey = useJourney();

  it('[PRINCIPAL][KOUMU_IMPORT] previews problems, then imports a corrected file', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
    await signIn(page, journey.server.baseUrl, 'principal');
    await page.getByRole('link', { name: '校務データ取込' }).click();
    await page.waitForURL(/\/admin\/koumu-imports$/);
    await expect.poll(() => page.getByRole('heading', { name: '校務データの取り込み' }).count()).toBe(1);

    // a pupil of the principal's school, identified by 学年・組・出席番号
    const classes = (await (
      await page.request.get(`${journey.server.baseUrl}/api/classes`)
    ).json()) as ClassList;
    const homeroom = classes.classes.find((c) => !c.isSpecialNeeds)!;
    const roster = (await (
      await page.request.get(`${journey.server.baseUrl}/api/classes/${homeroom.id}/students`)
    ).json()) as Roster;
    const pupil = roster.students.find((s) => s.status === 'enrolled')!;
    const place = `${homeroom.gradeCode.slice(1)},${homeroom.name.replace('組', '')},${pupil.attendanceNo}`;
    const file = (rows: string[]) => ({
      name: 'shukketsu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`学年,組,出席番号,日付,区分,理由\r\n${rows.join('\r\n')}\r\n`),
    });

    await page
      .locator('input[type=file]')
      .setInputFiles(file([`${place},2026-11-02,病,発熱`, `${place},2026-11-31,遅刻,`]));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    const problems = page.getByRole('table', { name: '問題一覧' });
    await expect.poll(() => problems.getByRole('row').count()).toBe(2);
    await expect.poll(() => problems.getByText('2026-11-31').count()).toBe(1);
    expect(await page.getByRole('button', { name: /取り込む/ }).isDisabled()).toBe(true);
    await screenshot(page, 'koumu-import-problems');

    await page
      .locator('input[type=file]')
      .setInputFiles(file([`${place},2026-11-02,病,発熱`, `${place},2026-11-04,遅刻,`]));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    const preview = page.getByRole('table', { name: '取り込み内容' });
    await expect.poll(() => preview.getByRole('row').count()).toBe(3);
    // the pupil by name and class, the 区分 as a teacher writes it (not ABSENT_SICK / LATE)
    expect(await preview.getByRole('columnheader').allTextContents()).toEqual([
      '行',
      '氏名',
      '学級',
      '日付',
      '区分',
      '理由',
      '症状',
      '疾病名',
      '備考',
    ]);
    const cells = await preview.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells[2]).toContain(`${homeroom.gradeCode.slice(1)}年${homeroom.name} ${pupil.attendanceNo}番`);
    expect(cells[4]).toBe('欠席（病気）');
    expect(await preview.getByRole('row').nth(2).getByRole('cell').nth(4).textContent()).toBe('遅刻');
    await page.getByRole('button', { name: '取り込む（2行）' }).click();
    await expect.poll(() => page.getByText('取り込みました').count()).toBe(1);
    await expect.poll(() => page.getByText(/追加 \d・更新 \d・変更なし 0/).count()).toBeGreaterThan(0);
    const history = page.getByRole('table', { name: '取り込み履歴' });
    await expect.poll(() => history.getByText('取り込み済み').count()).toBe(1);
    await screenshot(page, 'koumu-import-done');

    // a long history is paged, 20 imports a page: 19 more files put the first upload on page 2
    for (let i = 1; i <= 19; i++) {
      const extra = await page.request.post(`${journey.server.baseUrl}/api/admin/koumu-imports`, {
        multipart: {
          kind: 'attendance',
          sourceSystem: 'koumu',
          file: { ...file([`${place},2026-11-0${1 + (i % 5)},遅刻,`]), name: `extra-${i}.csv` },
        },
      });
      expect(extra.status()).toBe(200);
    }
    await page.reload();
    await expect.poll(() => history.getByRole('row').count()).toBe(21);
    expect(await history.getByText('extra-19.csv').count()).toBe(1);
    await page.getByRole('button', { name: '2ページ目' }).click();
    await expect.poll(() => history.getByRole('row').count()).toBe(2);
    // the first upload, the one with problems, keeps its problem report
    expect(await history.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()).toBe(
      'shukketsu.csv',
    );
    expect(await history.getByRole('link', { name: /CSV/ }).count()).toBe(1);
    await screenshot(page, 'koumu-import-history-page-2');
    await page.close();
  });
});
