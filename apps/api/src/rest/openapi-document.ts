import {
  IDEMPOTENCY_KEY_HEADER,
  ZApiToken,
  ZCommunityFeed,
  ZCommunityItem,
  ZCreatedApiToken,
  ZCreateTokenInput,
  ZIdempotencyKey,
  ZLoginInput,
  ZMediaItem,
  ZMediaListResult,
  ZPublicConfig,
  ZRegisterInput,
  ZShareByPathInput,
  ZShareByPathResult,
  ZSharedMedia,
  ZShareInput,
  ZShareResult,
  ZTag,
  ZUser,
} from '@mediashare/core';
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import type { Route, RouteResponse } from './define-route';
import { describeStatus, IDEMPOTENCY_HEADERS, RATE_LIMIT_HEADERS, responsesOf } from './responses';
import { TAGS } from './tags';

/** Every error answer: the message, and for some errors fields beside it (`passwordRequired`). */
const ZErrorBody = z
  .looseObject({ message: z.string() })
  .meta({ id: 'Error', description: 'What went wrong, in one sentence; some errors add fields beside it.' });

const HEADER_MEANINGS: Record<string, string> = {
  'Retry-After': 'Seconds to wait before retrying',
  ...RATE_LIMIT_HEADERS,
  ...IDEMPOTENCY_HEADERS,
};

/** The header an idempotent route takes, written once for every such route. */
const ZIdempotencyHeaders = z.object({ [IDEMPOTENCY_KEY_HEADER]: ZIdempotencyKey.optional() });

const headersOf = (headers: Record<string, string>, required = false) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, required, schema: { type: 'string' as const } }]),
  );

const responseObject = (status: number, response: RouteResponse): ZodOpenApiResponseObject => {
  const description = describeStatus(status, response);
  switch (response.kind) {
    case 'json':
      return {
        description,
        content: {
          'application/json': { schema: response.schema, ...(response.examples ? { examples: response.examples } : {}) },
        },
        ...(response.headers ? { headers: headersOf(response.headers) } : {}),
      };
    case 'plain':
      return { description, ...(response.headers ? { headers: headersOf(response.headers) } : {}) };
    case 'binary':
      return {
        description,
        content: { [response.contentType ?? 'application/octet-stream']: { schema: z.string().meta({ format: 'binary' }) } },
        ...(response.headers ? { headers: headersOf(response.headers) } : {}),
      };
    case 'text':
      return {
        description,
        content: { [response.contentType]: { schema: z.string() } },
        ...(response.headers ? { headers: headersOf(response.headers) } : {}),
      };
    case 'error': {
      const examples: Record<string, { value: unknown }> = {};
      const headers: Record<string, string> = {};
      for (const error of response.errors) {
        let key = error.code;
        for (let n = 2; key in examples; n++) key = `${error.code}${n}`;
        examples[key] = { value: { message: error.message, ...error.body } };
        for (const name of Object.keys(error.headers)) headers[name] = HEADER_MEANINGS[name] ?? name;
      }
      return {
        description,
        content: { 'application/json': { schema: ZErrorBody, examples } },
        // The catalog sends an error's headers every time it answers with it.
        ...(Object.keys(headers).length > 0 ? { headers: headersOf(headers, true) } : {}),
      };
    }
  }
};

const SECURITY: Record<Route['access']['kind'], ZodOpenApiOperationObject['security'] | undefined> = {
  public: [],
  signedIn: undefined,
  session: [{ session: [] }],
  admin: [{ session: [] }],
  service: [{ serviceToken: [] }],
};

const operationOf = (route: Route): ZodOpenApiOperationObject => {
  const { params, query, body } = route.request ?? {};
  const security = SECURITY[route.access.kind];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(security ? { security } : {}),
    ...(params || query || route.idempotent
      ? {
          requestParams: {
            ...(params ? { path: params } : {}),
            ...(query ? { query } : {}),
            ...(route.idempotent ? { header: ZIdempotencyHeaders } : {}),
          },
        }
      : {}),
    ...(body?.kind === 'json'
      ? {
          requestBody: {
            content: { 'application/json': { schema: body.schema, ...(body.examples ? { examples: body.examples } : {}) } },
          },
        }
      : {}),
    ...(body?.kind === 'file'
      ? {
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: z.object({ [body.field]: z.string().meta({ format: 'binary', description: body.description }) }),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      [...responsesOf(route)].map(([status, response]) => [String(status), responseObject(status, response)]),
    ),
  };
};

const pathsOf = (routes: readonly Route[]): ZodOpenApiPathsObject => {
  const paths: ZodOpenApiPathsObject = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (operationIds.has(route.operationId)) throw new Error(`operationId ${route.operationId} is declared twice`);
    operationIds.add(route.operationId);
    paths[route.path] = { ...paths[route.path], [route.method]: operationOf(route) };
  }
  return paths;
};

/**
 * Shared shapes, named once. Registered by id (not as manual components) so each is written where it is
 * used, input or output, under its own name: a manual `MediaPage` that contains `MediaItem` would make
 * zod-openapi emit `MediaItem` as an input and the answers' copy as `MediaItemOutput`. Generated clients
 * get these names as their type names.
 */
const SHARED_SHAPES: Record<string, z.ZodType> = {
  User: ZUser,
  RegisterInput: ZRegisterInput,
  LoginInput: ZLoginInput,
  MediaItem: ZMediaItem,
  MediaPage: ZMediaListResult,
  ShareInput: ZShareInput,
  ShareResult: ZShareResult,
  ShareByPathInput: ZShareByPathInput,
  ShareByPathResult: ZShareByPathResult,
  SharedMedia: ZSharedMedia,
  CommunityItem: ZCommunityItem,
  CommunityPage: ZCommunityFeed,
  Tag: ZTag,
  PublicConfig: ZPublicConfig,
  ApiToken: ZApiToken,
  CreatedApiToken: ZCreatedApiToken,
  CreateTokenInput: ZCreateTokenInput,
};
for (const [id, schema] of Object.entries(SHARED_SHAPES)) {
  const meta = z.globalRegistry.get(schema);
  if (meta?.id !== id) z.globalRegistry.add(schema, { ...meta, id });
}

/**
 * The OpenAPI 3.1 document of every REST route, generated from the routes' declarations: the same
 * schemas the handlers parse with and answer in. A contract test exercises each path and status in it.
 * Without a server URL the server is `/`: relative to wherever the document was fetched from, so the
 * docs page's "Try it" reaches the server that served it, whatever address it was reached at.
 */
export const createOpenApiDocument = ({
  serverUrl,
  cookieName,
  routes,
}: {
  serverUrl?: string;
  cookieName: string;
  routes: readonly Route[];
}) =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'mediashare',
      version: '1.0.0',
      description:
        'A media vault with share links and a public Community feed. Errors are `{ "message": ... }` with the status (the `Error` schema). The same operations are available to typed clients over tRPC at /trpc.',
    },
    servers: [
      serverUrl
        ? { url: serverUrl, description: 'This server (PUBLIC_URL)' }
        : { url: '/', description: 'The server this document is served from' },
    ],
    security: [{ session: [] }, { bearer: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      schemas: { Error: ZErrorBody },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: cookieName, description: 'The session cookie set at sign-in.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (msk_...), scopes read and/or share.' },
        serviceToken: { type: 'http', scheme: 'bearer', description: 'INTERNAL_API_TOKEN, for internal apps.' },
      },
    },
    paths: pathsOf(routes),
  });
