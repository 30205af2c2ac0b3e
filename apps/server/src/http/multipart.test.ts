import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { readMultipartUpload } from './multipart.ts';

const MAX_BYTES = 1024 * 1024;

describe('readMultipartUpload', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  beforeAll(async () => {
    app = Fastify();
    await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });
    const route = (path: string, options: Parameters<typeof readMultipartUpload>[1]) =>
      app.post(path, async (request, reply) => {
        try {
          const { fields, file } = await readMultipartUpload(request, options);
          return { fields, name: file.name, text: file.bytes.toString('utf8') };
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          return reply.status(error.status).send({ code: error.code, message: error.message });
        }
      });
    route('/plain', { maxBytes: MAX_BYTES });
    route('/hinted', { maxBytes: MAX_BYTES, tooLargeHint: '分割してアップロードしてください' });
    route('/zip', { maxBytes: MAX_BYTES, fileKind: 'ZIP ファイル' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => app?.close());

  const send = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', body, headers });
  const form = (file: Blob | null, fields: Record<string, string> = {}) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    if (file) data.append('file', file, 'data.csv');
    return data;
  };

  it('returns every text field and the file with its name and bytes', async () => {
    const response = await send(
      '/plain',
      form(new Blob(['a,b\n1,2']), { kind: 'attendance', encoding: 'utf-8' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      fields: { kind: 'attendance', encoding: 'utf-8' },
      name: 'data.csv',
      text: 'a,b\n1,2',
    });
  });

  it.each([
    ['/plain', 'multipart/form-data でファイルを送ってください'],
    ['/zip', 'multipart/form-data で ZIP ファイルを送ってください'],
  ])('refuses a request to %s that is not multipart with 400', async (path, message) => {
    const response = await send(path, '{}', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'invalid_request', message });
  });

  it.each([
    ['/plain', 'file にファイルを添付してください'],
    ['/zip', 'file に ZIP ファイルを添付してください'],
  ])('refuses a form to %s without a file with 400', async (path, message) => {
    const response = await send(path, form(null, { kind: 'attendance' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'invalid_request', message });
  });

  it.each([
    ['/plain', 'ファイルが大きすぎます（上限 1 MB）'],
    ['/zip', 'ファイルが大きすぎます（上限 1 MB）'],
    ['/hinted', 'ファイルが大きすぎます（上限 1 MB）。分割してアップロードしてください'],
  ])('refuses a file over the limit to %s with 413, naming the limit', async (path, message) => {
    const response = await send(path, form(new Blob([Buffer.alloc(MAX_BYTES + 1, 0x61)])));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'file_too_large', message });
  });
});
