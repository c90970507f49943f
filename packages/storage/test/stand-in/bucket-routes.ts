import { apiErrors, readJson, requireString, sendJson } from './api-errors';
import type { StoredBucket } from './object-store';
import { isValidBucketName, type Route, type RouteContext } from './route';

// Numbers are bytes; strings carry a decimal unit ("50MB" is 50 000 000), as Storage parses them.
const parseFileSizeLimit = (value: unknown): number | null => {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(gb|mb|kb|b)$/i.exec(value) : null;
  if (!match) throw apiErrors.invalidFileSizeLimit();
  const unit = { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 }[match[2]!.toLowerCase() as 'gb' | 'mb' | 'kb' | 'b'];
  return Math.round(Number(match[1]) * unit);
};

/** As Storage's parseMaxSizeLimit: a bucket limit above the project's global one is refused, as too large. */
const withinGlobalLimit = (limit: number | null, { fileSizeLimit }: RouteContext) => {
  if (limit !== null && limit > fileSizeLimit) throw apiErrors.entityTooLarge();
  return limit;
};

const parseMimeTypes = (value: unknown): string[] | null => {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((type) => typeof type !== 'string'))
    throw apiErrors.validation('body/allowed_mime_types must be array');
  return (value as string[]).filter(Boolean);
};

const parsePublic = (value: unknown): boolean => {
  if (typeof value !== 'boolean') throw apiErrors.validation('body/public must be boolean');
  return value;
};

const listBuckets = async ({ res, url, store }: RouteContext) => {
  const search = url.searchParams.get('search') ?? '';
  const buckets = [...store.buckets.values()].filter((bucket) => bucket.name.includes(search));
  sendJson(
    res,
    200,
    buckets.sort((a, b) => a.name.localeCompare(b.name)),
  );
};

const getBucket = async ({ res, params: [id], store }: RouteContext) => {
  sendJson(res, 200, store.bucket(id!));
};

const createBucket = async (context: RouteContext) => {
  const { req, res, store } = context;
  const body = await readJson(req);
  const name = requireString(body, 'name');
  const id = typeof body.id === 'string' && body.id ? body.id : name;
  if (!isValidBucketName(id)) throw apiErrors.invalidBucketName();
  const now = new Date().toISOString();
  const bucket: StoredBucket = {
    id,
    name,
    owner: '',
    public: body.public === undefined ? false : parsePublic(body.public),
    file_size_limit:
      body.file_size_limit === undefined ? null : withinGlobalLimit(parseFileSizeLimit(body.file_size_limit), context),
    allowed_mime_types: body.allowed_mime_types === undefined ? null : parseMimeTypes(body.allowed_mime_types),
    created_at: now,
    updated_at: now,
    type: 'STANDARD',
  };
  if (store.buckets.has(id)) throw apiErrors.bucketAlreadyExists();
  store.buckets.set(id, bucket);
  sendJson(res, 200, { name });
};

/** Only the settings present in the body change; an absent one keeps its value. */
const updateBucket = async (context: RouteContext) => {
  const {
    req,
    res,
    params: [id],
    store,
  } = context;
  const body = await readJson(req);
  const bucket = store.bucket(id!);
  const limit =
    body.file_size_limit === undefined ? undefined : withinGlobalLimit(parseFileSizeLimit(body.file_size_limit), context);
  if (body.public !== undefined) bucket.public = parsePublic(body.public);
  if (limit !== undefined) bucket.file_size_limit = limit;
  if (body.allowed_mime_types !== undefined) bucket.allowed_mime_types = parseMimeTypes(body.allowed_mime_types);
  bucket.updated_at = new Date().toISOString();
  sendJson(res, 200, { message: 'Successfully updated' });
};

export const bucketRoutes: Route[] = [
  { method: 'GET', pattern: /^\/bucket\/?$/, handle: listBuckets },
  { method: 'POST', pattern: /^\/bucket\/?$/, handle: createBucket },
  { method: 'GET', pattern: /^\/bucket\/([^/]+)$/, handle: getBucket },
  { method: 'PUT', pattern: /^\/bucket\/([^/]+)$/, handle: updateBucket },
];
