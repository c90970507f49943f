import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Storage API's error body: `statusCode` carries the real status, as a string. */
export interface ApiErrorBody {
  statusCode: string;
  code?: string;
  error: string;
  message: string;
}

/** Thrown by route handlers; the router renders it the way Storage's error handler does. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

const fail = (statusCode: string, code: string, error: string, message: string) =>
  new ApiError({ statusCode, code, error, message });

/** The errors of Storage's catalogue (src/internal/errors/codes.ts) that the driver's endpoints can produce. */
export const apiErrors = {
  noSuchKey: () => fail('404', 'NoSuchKey', 'not_found', 'Object not found'),
  noSuchBucket: () => fail('404', 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  keyAlreadyExists: () => fail('409', 'KeyAlreadyExists', 'Duplicate', 'The resource already exists'),
  bucketAlreadyExists: () => fail('409', 'BucketAlreadyExists', 'Duplicate', 'The resource already exists'),
  accessDenied: (message: string) => fail('403', 'AccessDenied', 'Unauthorized', message),
  invalidKey: (key: string) => fail('400', 'InvalidKey', 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () => fail('400', 'InvalidBucketName', 'Invalid Input', 'Bucket name invalid'),
  invalidFileSizeLimit: () =>
    fail('400', 'InvalidRequest', 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  invalidMimeType: (type: string) => fail('415', 'InvalidMimeType', 'invalid_mime_type', `mime type ${type} is not supported`),
  entityTooLarge: () => fail('413', 'EntityTooLarge', 'Payload too large', 'The object exceeded the maximum allowed size'),
  invalidRange: () => fail('400', 'InvalidRange', 'invalid_range', 'invalid range provided'),
  /** What Fastify's schema validation answers, e.g. "body must have required property 'name'". */
  validation: (message: string) => fail('400', 'InvalidRequest', 'Error', message),
};

export const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/** Storage answers every error that is not a 500 with HTTP 400, the real status staying in the body (legacy). */
export const sendError = (res: ServerResponse, error: ApiError) => {
  sendJson(res, error.body.statusCode === '500' ? 500 : 400, error.body);
};

/** Reads the whole body: the JSON endpoints are small, and an unread body would stall keep-alive. */
export const readBody = async (req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw apiErrors.validation('body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

export const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const text = (await readBody(req)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text || 'null');
  } catch {
    throw apiErrors.validation('Body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw apiErrors.validation('body must be object');
  return parsed as Record<string, unknown>;
};

export const requireString = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  if (value === undefined) throw apiErrors.validation(`body must have required property '${name}'`);
  if (typeof value !== 'string') throw apiErrors.validation(`body/${name} must be string`);
  return value;
};
