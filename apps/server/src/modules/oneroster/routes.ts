import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  ErrorResponse,
  IdParam,
  OneRosterImportBatchDetail,
  OneRosterImportHistory,
  OneRosterImportHistoryQuery,
  OneRosterImportJob,
  OneRosterImportReport,
  OneRosterRunningImport,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { readMultipartUpload } from '../../http/multipart.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { ImportJobs } from './import-jobs.ts';
import {
  exportRoster,
  getImportJob,
  getRosterImport,
  importUploadedPackage,
  listRosterImports,
  runningImportJob,
  startImport,
  type UploadedPackage,
} from './service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse };
const MAX_BYTES = 50 * 1024 * 1024;
const DryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const BOM = '\uFEFF';

/** Reads the `file` part of a multipart upload (a OneRoster zip). */
async function readUpload(request: FastifyRequest, dryRun: boolean): Promise<UploadedPackage> {
  const { file } = await readMultipartUpload(request, { maxBytes: MAX_BYTES, fileKind: 'ZIP ファイル' });
  return { zip: file.bytes, fileName: file.name || 'oneroster.zip', dryRun };
}

/** 名簿の取り込み・書き出し (OneRoster CSV, A1/A2) for admins. */
export function oneRosterAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const jobs = new ImportJobs();
    app.addHook('onClose', async () => jobs.drain());
    await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

    app.post(
      '/api/admin/oneroster/import-jobs',
      {
        schema: {
          summary:
            'OneRoster CSV パッケージ (zip) の取り込みを開始 (multipart: file; ?dryRun=true で検証のみ)。進み具合は GET …/import-jobs/:jobId',
          tags: ['oneroster'],
          consumes: ['multipart/form-data'],
          querystring: DryRunQuery,
          response: { 202: OneRosterImportJob, 409: ErrorResponse, ...errors },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await readUpload(request, request.query.dryRun === 'true');
        const { job } = startImport(ctx, jobs, actor, upload);
        return reply.code(202).send(job);
      },
    );

    app.get(
      '/api/admin/oneroster/import-jobs',
      {
        schema: {
          summary: 'この自治体で実行中の名簿の取り込み (なければ null)',
          tags: ['oneroster'],
          response: { 200: OneRosterRunningImport, ...errors },
        },
      },
      async (request) => ({ running: runningImportJob(jobs, requireActor(request)) }),
    );

    app.get(
      '/api/admin/oneroster/import-jobs/:jobId',
      {
        schema: {
          summary: '実行中・実行後の OneRoster 取り込みの進み具合 (phase, step, counts, report)',
          tags: ['oneroster'],
          params: z.object({ jobId: z.string().uuid() }),
          response: { 200: OneRosterImportJob, 404: ErrorResponse, ...errors },
        },
      },
      async (request) => getImportJob(jobs, requireActor(request), request.params.jobId),
    );

    app.post(
      '/api/admin/oneroster/imports',
      {
        schema: {
          summary:
            'OneRoster CSV パッケージ (zip) の検証と取り込み、終わるまで待って報告を返す (multipart: file; ?dryRun=true で検証のみ)',
          tags: ['oneroster'],
          consumes: ['multipart/form-data'],
          querystring: DryRunQuery,
          response: { 200: OneRosterImportReport, 409: ErrorResponse, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const upload = await readUpload(request, request.query.dryRun === 'true');
        return importUploadedPackage(ctx, jobs, actor, upload);
      },
    );

    app.get(
      '/api/admin/oneroster/imports',
      {
        schema: {
          summary: '名簿の取り込み履歴 (新しい順、ページ単位)',
          tags: ['oneroster'],
          querystring: OneRosterImportHistoryQuery,
          response: { 200: OneRosterImportHistory, ...errors },
        },
      },
      async (request) => listRosterImports(ctx, requireActor(request), request.query),
    );

    app.get(
      '/api/admin/oneroster/imports/:batchId',
      {
        schema: {
          summary: '名簿の取り込み 1 件の報告 (件数、すべてのエラーと注意)',
          tags: ['oneroster'],
          params: z.object({ batchId: IdParam }),
          response: { 200: OneRosterImportBatchDetail, 404: ErrorResponse, ...errors },
        },
      },
      async (request) => getRosterImport(ctx, requireActor(request), request.params.batchId),
    );

    app.get(
      '/api/admin/oneroster/imports/:batchId/issues.csv',
      {
        schema: {
          summary: '名簿の取り込み 1 件のエラーと注意 (CSV)',
          tags: ['oneroster'],
          params: z.object({ batchId: IdParam }),
        },
      },
      async (request, reply) => {
        const batch = await getRosterImport(ctx, requireActor(request), request.params.batchId);
        const csv = stringify(
          [
            ['種類', 'ファイル', '行', '列', '値', '期待される値'],
            ...batch.errors.map((i) => ['エラー', i.file, i.row, i.column, i.value, i.expected]),
            ...batch.warnings.map((i) => ['注意', i.file, i.row, i.column, i.value, i.expected]),
          ],
          { record_delimiter: '\r\n' },
        );
        reply.header('content-disposition', `attachment; filename="oneroster-import-${batch.id}-issues.csv"`);
        return reply.type('text/csv; charset=utf-8').send(BOM + csv);
      },
    );

    app.get(
      '/api/admin/oneroster/export',
      { schema: { summary: '名簿の書き出し (OneRoster 1.2 Japan Profile CSV zip)', tags: ['oneroster'] } },
      async (request, reply) => {
        const zip = await exportRoster(ctx, requireActor(request));
        reply.header('content-disposition', `attachment; filename="oneroster-${ctx.today()}.zip"`);
        return reply.type('application/zip').send(Buffer.from(zip));
      },
    );
  };
}
