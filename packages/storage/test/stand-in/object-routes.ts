import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { apiErrors, readJson, requireString, sendJson } from './api-errors';
import { toObjectRow, type StoredObject } from './object-store';
import { assertValidKey, isAllowedMimeType, type Route, type RouteContext } from './route';

/** One `bytes=` range, as S3 reads it: a range past the end is clamped, one starting past it is refused. */
const parseRange = (header: string | undefined, size: number) => {
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header?.trim() ?? '');
  // No header, several ranges or nonsense: HTTP lets a server ignore it and send everything.
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1]!, match[2]!];
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (first !== '' && last !== '' && Number(last) < start) return undefined;
  if (start >= size || (first === '' && Number(last) === 0)) throw apiErrors.invalidRange();
  return { start, end };
};

/** The asset renderer's answer: the bytes, with the headers Storage sends for them. */
const serveObject = async ({ req, res, stallAfter }: RouteContext, object: StoredObject, caching: Record<string, string>) => {
  const range = parseRange(req.headers.range, object.size);
  const start = range?.start ?? 0;
  const end = range?.end ?? object.size - 1;
  res.writeHead(range ? 206 : 200, {
    'accept-ranges': 'bytes',
    'content-type': object.mimetype,
    'content-length': String(end - start + 1),
    etag: `"${object.version}"`,
    'last-modified': object.updatedAt.toUTCString(),
    ...caching,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${object.size}` } : {}),
  });
  if (end < start) return void res.end();
  if (stallAfter !== undefined) {
    createReadStream(object.file, { start, end: Math.min(end, start + stallAfter - 1) }).pipe(res, { end: false });
    return;
  }
  await pipeline(createReadStream(object.file, { start, end }), res);
};

const objectInfo = (object: StoredObject) => ({
  id: object.id,
  name: object.name,
  version: object.version,
  bucket_id: object.bucket,
  size: object.size,
  content_type: object.mimetype,
  cache_control: object.cacheControl,
  etag: `"${object.version}"`,
  metadata: null,
  last_modified: object.updatedAt.toISOString(),
  created_at: object.createdAt.toISOString(),
});

/**
 * As Storage's uploader: the smaller of the bucket's and the project's limits is checked against the declared
 * Content-Length before anything is read. A body sent without one (chunked) is taken whatever its size.
 */
const assertDeclaredSize = ({ req, fileSizeLimit }: RouteContext, bucketLimit: number | null) => {
  const declared = Number(req.headers['content-length']);
  const limit = bucketLimit === null ? fileSizeLimit : Math.min(bucketLimit, fileSizeLimit);
  if (req.headers['content-length'] !== undefined && Number.isFinite(declared) && declared > limit) {
    throw apiErrors.entityTooLarge();
  }
};

const uploadObject = async (context: RouteContext) => {
  const {
    req,
    res,
    params: [bucketId, key],
    store,
  } = context;
  assertValidKey(key!);
  const bucket = store.bucket(bucketId!);
  const mimetype = req.headers['content-type'] ?? 'text/plain;charset=UTF-8';
  if (!isAllowedMimeType(mimetype, bucket.allowed_mime_types)) throw apiErrors.invalidMimeType(mimetype);
  if (req.headers['x-upsert'] !== 'true' && store.find(bucket.id, key!)) throw apiErrors.keyAlreadyExists();
  assertDeclaredSize(context, bucket.file_size_limit);
  const data = await store.write(req);
  const object = store.commit(bucket.id, key!, data, { mimetype, cacheControl: req.headers['cache-control'] ?? 'no-cache' });
  sendJson(res, 200, { Id: object.id, Key: `${bucket.id}/${key}` });
};

const copyObject = async ({ req, res, store }: RouteContext) => {
  const body = await readJson(req);
  const [bucketId, sourceKey, destinationKey] = ['bucketId', 'sourceKey', 'destinationKey'].map((name) =>
    requireString(body, name),
  );
  const source = store.get(bucketId!, sourceKey!);
  const destination = store.bucket(typeof body.destinationBucket === 'string' ? body.destinationBucket : bucketId!);
  assertValidKey(destinationKey!);
  if (req.headers['x-upsert'] !== 'true' && store.find(destination.id, destinationKey!)) throw apiErrors.keyAlreadyExists();
  const data = await store.duplicate(source);
  const copy = store.commit(destination.id, destinationKey!, data, {
    mimetype: source.mimetype,
    cacheControl: source.cacheControl,
  });
  sendJson(res, 200, { Id: copy.id, Key: `${destination.id}/${destinationKey}`, ...toObjectRow(copy) });
};

const deleteObjects = async ({ req, res, params: [bucketId], store }: RouteContext) => {
  const { prefixes } = await readJson(req);
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string')) {
    throw apiErrors.validation('body/prefixes must be array of string with at least 1 item');
  }
  const removed = await store.remove(bucketId!, prefixes as string[]);
  sendJson(res, 200, removed.map(toObjectRow));
};

const servePublicObject = async (context: RouteContext) => {
  const [bucketId, key] = context.params;
  // A private bucket is answered exactly like a missing one.
  if (!context.store.buckets.get(bucketId!)?.public) throw apiErrors.noSuchBucket();
  const object = context.store.get(bucketId!, key!);
  await serveObject(context, object, { 'cache-control': object.cacheControl });
};

const serveAuthenticatedObject = async (context: RouteContext) => {
  const [bucketId, key] = context.params;
  const object = context.store.get(context.store.bucket(bucketId!).id, key!);
  await serveObject(context, object, { 'cache-control': object.cacheControl });
};

const getObjectInfo = async ({ res, params: [bucketId, key], store }: RouteContext) => {
  sendJson(res, 200, objectInfo(store.get(store.bucket(bucketId!).id, key!)));
};

/** First match wins, so the fixed paths come before the `/object/<bucket>/<key>` catch-all, as in Fastify. */
export const objectRoutes: Route[] = [
  { method: 'POST', pattern: /^\/object\/copy$/, handle: copyObject },
  { method: 'GET', pattern: /^\/object\/public\/([^/]+)\/(.+)$/, isPublic: true, handle: servePublicObject },
  { method: 'GET', pattern: /^\/object\/info\/authenticated\/([^/]+)\/(.+)$/, handle: getObjectInfo },
  { method: 'GET', pattern: /^\/object\/authenticated\/([^/]+)\/(.+)$/, handle: serveAuthenticatedObject },
  { method: 'DELETE', pattern: /^\/object\/([^/]+)$/, handle: deleteObjects },
  { method: 'POST', pattern: /^\/object\/([^/]+)\/(.+)$/, handle: uploadObject },
];
