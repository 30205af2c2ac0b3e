import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useJourney } from './support/journey.ts';

/** The downloaded 学級編成 CSV as rows (BOM dropped; the file has no quoted cells). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}
const csvFile = (name: string, rows: string[][]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`),
});

/** [ADMIN][ROLLOVER] a custom class assignment through the file, then a 転出 on the transfers page. */
describe('admin rolls the year over with an edited class file and records a transfer in Chromium', () => {
  const journey = useJourney();

  it('[ADMIN][ROLLOVER] downloads the file, reads the error, uploads the fixed file, commits', async () => {
    const page = await journey.browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
      acceptDownloads: true,
    });
    await signIn(page, journey.server.baseUrl, 'admin');
    await page.getByRole('link', { name: '年度更新' }).click();
    await page.waitForURL(/\/admin\/rollover$/);
    await page.getByRole('button', { name: 'プレビュー' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'CSV をダウンロード' }).count(), { timeout: 30_000 })
      .toBe(1);

    // 学区外・指定校変更: one 小6 pupil goes on to another 中学校 than the rest of their school
    const placements = page.getByRole('table', { name: '児童生徒ごとの学級編成' });
    const chooseGroup = async (name: RegExp) => {
      await page.getByRole('textbox', { name: '学校・新学年' }).click();
      await page.getByRole('option', { name }).first().click();
    };
    await chooseGroup(/中学校 中1/);
    const mover = placements.getByRole('row').filter({ hasText: '（進学）' }).first();
    const moverName = (await mover.getByRole('cell').nth(2).textContent())!;
    await mover.getByRole('button', { name: /を変更$/ }).click();
    const destination = page.getByRole('textbox', { name: '進学先の中学校' });
    const from = await destination.inputValue();
    await destination.click();
    const to = page.getByRole('option', { selected: false }).first();
    const toName = (await to.textContent())!;
    expect(toName).not.toBe(from);
    await to.click();
    await page.getByRole('button', { name: 'この内容でプレビュー' }).click();
    await chooseGroup(new RegExp(`${toName} 中1`));
    const moved = placements.getByRole('row').filter({ hasText: moverName });
    await expect.poll(() => moved.getByText('指定校変更').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'admin-rollover-destination');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV をダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gakkyu-hensei-\d{4}\.csv$/);
    const rows = csvRows(readFileSync(await download.path(), 'utf8'));
    expect(rows[0]!.slice(0, 6)).toEqual(['児童生徒ID', '学校コード', '学校名', '学年', '組', '出席番号']);

    // The second pupil gets the first pupil's 出席番号 (both are in the same class): an error.
    const broken = rows.map((r) => [...r]);
    broken[2]![5] = rows[1]![5]!;
    await page.locator('input[type=file]').setInputFiles(csvFile('hensei.csv', broken));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    const issues = page.getByRole('table', { name: '学級編成ファイルの問題' });
    await expect.poll(() => issues.count(), { timeout: 20_000 }).toBe(1);
    const cells = await issues.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['hensei.csv', '3', '出席番号', rows[1]![5]]);
    expect(cells[4]).toContain('2行目と同じ番号です');
    await screenshot(page, 'admin-rollover-file-errors');

    // Fixed: the first two pupils swap their 出席番号.
    const fixed = rows.map((r) => [...r]);
    fixed[1]![5] = rows[2]![5]!;
    fixed[2]![5] = rows[1]![5]!;
    await page.locator('input[type=file]').setInputFiles(csvFile('hensei-fixed.csv', fixed));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    await expect
      .poll(() => page.getByText('hensei-fixed.csv').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('rollover-assignment-mode').textContent(), { timeout: 20_000 })
      .toContain('個別に指定');
    await chooseGroup(new RegExp(`^${rows[1]![2]!} (小|中)${rows[1]![3]!}（`));
    const firstPupil = placements.getByRole('row').filter({ hasText: rows[1]![6]! });
    await expect.poll(() => firstPupil.first().getByRole('cell').nth(1).textContent()).toBe(rows[2]![5]);

    await page.getByRole('button', { name: /へ年度更新を実行$/ }).click();
    await expect.poll(() => page.getByText('年度更新を反映しました').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'admin-rollover-done');
    await page.close();
  });

  it('[ADMIN][TRANSFERS] records a 転出 and sees it in the list', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: 'ja-JP' });
    await signIn(page, journey.server.baseUrl, 'admin');
    await page.getByRole('link', { name: '転入・転出' }).click();
    await page.waitForURL(/\/admin\/transfers$/);
    const out = page.getByRole('region', { name: '転出を登録' });
    const pick = async (label: string, option?: string) => {
      await out.getByRole('textbox', { name: label, exact: true }).click();
      const choice = option ? page.getByRole('option', { name: option }) : page.getByRole('option').first();
      await choice.click();
    };
    await expect
      .poll(() => out.getByRole('textbox', { name: '学校', exact: true }).count(), { timeout: 20_000 })
      .toBe(1);
    await out.getByRole('button', { name: '転出を登録' }).click();
    await expect.poll(() => out.getByText('児童生徒を選んでください').count()).toBe(1);

    await pick('学校');
    await pick('学級');
    await expect
      .poll(() => out.getByRole('textbox', { name: '児童生徒', exact: true }).isDisabled())
      .toBe(false);
    await pick('児童生徒');
    const pupil = await out.getByRole('textbox', { name: '児童生徒', exact: true }).inputValue();
    await out.getByRole('textbox', { name: '転出先' }).fill('札幌市立北小学校');
    await pick('理由', '転居');
    await out.getByRole('button', { name: '転出を登録' }).click();
    await expect.poll(() => out.getByRole('status').count(), { timeout: 20_000 }).toBe(1);

    const list = page.getByRole('table', { name: '転入・転出の一覧' });
    const row = list.getByRole('row').filter({ hasText: '札幌市立北小学校' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('転出');
    expect(cells[2]).toBe(pupil.replace(/^\d+ /, ''));
    expect(cells[5]).toBe('転居');
    await screenshot(page, 'admin-transfers');
    await page.close();
  });
});
