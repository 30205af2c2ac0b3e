import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

/** The text fields and the one file of a multipart upload. */
export interface MultipartUpload {
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer };
}

/**
 * Reads a multipart/form-data upload (registered with `@fastify/multipart` and `files: 1`): every text
 * field and the file. 400 when the request is not multipart or carries no file; 413 when the file is over
 * `maxBytes` (the limit the plugin was registered with), saying the limit in MB and then `tooLargeHint`.
 */
export async function readMultipartUpload(
  request: FastifyRequest,
  options: {
    maxBytes: number;
    /** Said after the limit, e.g. 分割してアップロードしてください */
    tooLargeHint?: string;
    /** What the upload is, in the 400 messages (default ファイル; e.g. ZIP ファイル) */
    fileKind?: string;
  },
): Promise<MultipartUpload> {
  const { maxBytes, tooLargeHint, fileKind = 'ファイル' } = options;
  if (!request.isMultipart())
    throw new HttpError(400, 'invalid_request', `multipart/form-data で${spaced(fileKind)}を送ってください`);
  const fields: Record<string, string> = {};
  let file: MultipartUpload['file'] | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new HttpError(
        413,
        'file_too_large',
        `ファイルが大きすぎます（上限 ${Math.floor(maxBytes / 1024 / 1024)} MB）${tooLargeHint ? `。${tooLargeHint}` : ''}`,
      );
    throw error;
  }
  if (!file) throw new HttpError(400, 'invalid_request', `file に${spaced(fileKind)}を添付してください`);
  return { fields, file };
}

/** 'ZIP ファイル' after a particle reads 'で ZIP ファイル'; Japanese-initial words take no space. */
const spaced = (word: string) => (/^[A-Za-z0-9]/.test(word) ? ` ${word}` : word);
