/** An error with an HTTP status and a stable code; the message is shown to people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message = 'サインインしてください') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'この情報を閲覧する権限がありません') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = '見つかりません') => new HttpError(404, 'not_found', message);
