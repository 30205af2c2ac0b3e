import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  ErrorResponse,
  IdParam,
  ImportCommitResponse,
  ImportHistoryQuery,
  ImportHistoryResponse,
  ImportPreviewResponse,
  ImportUploadFields,
  KOUMU_IMPORT_KINDS,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { HttpError } from '../../http/errors.ts';
import { readMultipartUpload } from '../../http/multipart.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { BOM, templateCsv, templateXlsx } from './template.ts';
import { authorizeTemplate, commitImport, getProblems, listImports, previewImport } from './service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** 校務データの取り込み (A6): templates, upload → preview, commit, history. */
export function koumuImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const maxBytes = ctx.config.importMaxBytes;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10 } });

    app.get(
      '/api/admin/koumu-imports/templates/:file',
      {
        schema: {
          summary: '取り込みテンプレート (attendance.csv, grades.xlsx, …)',
          tags: ['koumu-imports'],
          params: z.object({ file: z.string() }),
        },
      },
      async (request, reply) => {
        authorizeTemplate(requireActor(request));
        const match = /^([a-z]+)\.(csv|xlsx)$/.exec(request.params.file);
        const kind = KOUMU_IMPORT_KINDS.find((k) => k === match?.[1]);
        if (!match || !kind) throw new HttpError(404, 'not_found', 'テンプレートが見つかりません');
        reply.header('content-disposition', `attachment; filename="koumu-${kind}.${match[2]}"`);
        if (match[2] === 'csv') return reply.type('text/csv; charset=utf-8').send(templateCsv(kind));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await templateXlsx(kind));
      },
    );

    app.post(
      '/api/admin/koumu-imports',
      {
        schema: {
          summary:
            '校務ファイルのアップロード (multipart: file, kind, sourceSystem, schoolId?, mapping?, encoding?) → プレビュー',
          tags: ['koumu-imports'],
          consumes: ['multipart/form-data'],
          response: { 200: ImportPreviewResponse, 413: ErrorResponse, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { fields, file } = await readMultipartUpload(request, {
          maxBytes,
          tooLargeHint: '分割してアップロードしてください',
        });
        const parsed = ImportUploadFields.safeParse(fields);
        if (!parsed.success)
          throw new HttpError(
            400,
            'invalid_request',
            `入力内容に誤りがあります: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        let mapping: Record<string, string> | undefined;
        if (parsed.data.mapping) {
          const json = z.record(z.string(), z.string()).safeParse(safeJson(parsed.data.mapping));
          if (!json.success)
            throw new HttpError(
              400,
              'invalid_request',
              'mapping は {"項目": "列名"} の JSON で指定してください',
            );
          mapping = json.data;
        }
        return previewImport(ctx, actor, {
          bytes: file.bytes,
          fileName: file.name,
          kind: parsed.data.kind,
          sourceSystem: parsed.data.sourceSystem,
          schoolId: parsed.data.schoolId,
          mapping,
          encoding: parsed.data.encoding,
        });
      },
    );

    app.post(
      '/api/admin/koumu-imports/:batchId/commit',
      {
        schema: {
          summary: 'プレビュー済みの取り込みを確定 (all rows in one transaction, or nothing)',
          tags: ['koumu-imports'],
          params: z.object({ batchId: IdParam }),
          response: { 200: ImportCommitResponse, 422: ErrorResponse, ...errors },
        },
      },
      async (request) => commitImport(ctx, requireActor(request), request.params.batchId),
    );

    app.get(
      '/api/admin/koumu-imports',
      {
        schema: {
          summary: '取り込み履歴 (新しい順、ページ単位)',
          tags: ['koumu-imports'],
          querystring: ImportHistoryQuery,
          response: { 200: ImportHistoryResponse, ...errors },
        },
      },
      async (request) => listImports(ctx, requireActor(request), request.query),
    );

    app.get(
      '/api/admin/koumu-imports/:batchId/problems.csv',
      {
        schema: {
          summary: '取り込みの問題一覧 (CSV)',
          tags: ['koumu-imports'],
          params: z.object({ batchId: IdParam }),
        },
      },
      async (request, reply) => {
        const { fileName, problems } = await getProblems(ctx, requireActor(request), request.params.batchId);
        const csv = stringify(
          [
            ['ファイル', '行', '列', '値', '期待される値'],
            ...problems.map((p) => [fileName, p.row, p.column, p.value, p.expected]),
          ],
          { record_delimiter: '\r\n' },
        );
        reply.header(
          'content-disposition',
          `attachment; filename="import-${request.params.batchId}-problems.csv"`,
        );
        return reply.type('text/csv; charset=utf-8').send(BOM + csv);
      },
    );
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
