import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useJourney } from './support/journey.ts';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../apps/server/test/fixtures/oneroster',
);

/** A zip of one fixture package folder, as an upload. */
function zipOf(folder: string) {
  const dir = path.join(FIXTURES, folder);
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(path.join(dir, name)))]),
  );
  return { name: `${folder}.zip`, mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) };
}

/** [ADMIN][ROSTER_IMPORT] upload a OneRoster zip with errors, read the report, upload the fixed one, see the class. */
describe('admin imports a OneRoster roster in Chromium', () => {
  const journey = useJourney();

  it('[ADMIN][ROSTER_IMPORT] reports problems by file/row/column, then imports the fixed package', async () => {
    const page = await journey.browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
      acceptDownloads: true,
    });
    await signIn(page, journey.server.baseUrl, 'admin');
    await page.getByRole('link', { name: '名簿の取り込み' }).click();
    await page.waitForURL(/\/admin\/roster-import$/);
    await expect
      .poll(() => page.getByRole('heading', { name: '名簿の取り込み（OneRoster）' }).count())
      .toBe(1);

    await page.locator('input[type=file]').setInputFiles(zipOf('invalid'));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    const errors = page.getByRole('table', { name: 'エラー' });
    await expect.poll(() => errors.count(), { timeout: 20_000 }).toBe(1);
    const row = errors.getByRole('row').filter({ hasText: 'homeroomx' });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(['classes.csv', '3', 'classType', 'homeroomx', 'homeroom | scheduled']);
    await expect.poll(() => page.getByRole('button', { name: '取り込む' }).count()).toBe(0);
    // the rejected check is recorded in the history with its error count
    const history = page.getByRole('table', { name: '名簿の取り込み履歴' });
    const rejected = history.getByRole('row').filter({ hasText: 'invalid.zip' });
    await expect.poll(() => rejected.count(), { timeout: 20_000 }).toBe(1);
    expect(await rejected.textContent()).toContain('確認で問題あり');
    await screenshot(page, 'admin-roster-import-errors');

    await page.locator('input[type=file]').setInputFiles(zipOf('valid-bulk'));
    await page.getByRole('button', { name: 'アップロードして確認' }).click();
    await expect.poll(() => page.getByText('問題はありません').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: '取り込む' }).click();
    await expect.poll(() => page.getByText('取り込みました').count(), { timeout: 20_000 }).toBe(1);
    // the import is the newest line of the history; its report lists what was written
    const imported = history.getByRole('row').filter({ hasText: 'valid-bulk.zip' }).first();
    await expect.poll(() => imported.textContent(), { timeout: 20_000 }).toContain('取り込み済み');
    await imported.getByRole('button', { name: /報告を見る/ }).click();
    await expect
      .poll(() => history.getByText(/児童生徒・教職員: 追加 \d+/).count(), { timeout: 20_000 })
      .toBe(1);
    await screenshot(page, 'admin-roster-import-done');

    // the roster goes out again as a OneRoster package, with the imported pupils' sourcedIds
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '書き出す（zip）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^oneroster-\d{4}-\d{2}-\d{2}\.zip$/);
    const exported = unzipSync(readFileSync(await download.path()));
    expect(Object.keys(exported)).toEqual(
      expect.arrayContaining(['manifest.csv', 'users.csv', 'enrollments.csv']),
    );
    const firstUser = readFileSync(path.join(FIXTURES, 'valid-bulk/users.csv'), 'utf8').split(/\r?\n/)[1]!;
    expect(strFromU8(exported['users.csv']!)).toContain(firstUser.split(',')[0]!);

    await page.getByRole('link', { name: '学級一覧を開く' }).click();
    await page.waitForURL(/\/classes$/);
    await expect.poll(() => page.getByText('ひまわり学級').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('[TEACHER] gets a refusal from the import API', async () => {
    const page = await journey.browser.newPage();
    await signIn(page, journey.server.baseUrl, 'teacher');
    await page.waitForURL(/\/classes/);
    const response = await page.request.post(
      `${journey.server.baseUrl}/api/admin/oneroster/imports?dryRun=true`,
      {
        multipart: { file: zipOf('valid-bulk') },
      },
    );
    expect(response.status()).toBe(403);
    await page.close();
  });
});
