import {
  ZApiToken,
  ZCommunityFeed,
  ZCommunityItem,
  ZCreatedApiToken,
  ZCreateTokenInput,
  ZLoginInput,
  ZMediaItem,
  ZMediaListResult,
  ZRegisterInput,
  ZShareByPathInput,
  ZShareByPathResult,
  ZSharedMedia,
  ZShareInput,
  ZShareResult,
  ZTag,
  ZUser,
} from '@mediashare/core';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { error, errors } from './common';
import { accountPaths } from './paths/account';
import { communityPaths } from './paths/community';
import { platformPaths } from './paths/platform';
import { sharingPaths } from './paths/sharing';
import { tokenPaths } from './paths/tokens';
import { vaultPaths } from './paths/vault';

const badCredentials = error('A malformed Authorization header, or an API token that is unknown, revoked or expired.', {
  malformed: 'Malformed Authorization header: expected "Bearer <token>"',
  invalid: 'Invalid, revoked or expired API token',
});

/**
 * Answers every route under /api can give whatever it does: a bad bearer header is a 401 (on public
 * routes too), and a JSON body over the limit a 413.
 */
const withCommonResponses = (paths: ZodOpenApiPathsObject): ZodOpenApiPathsObject =>
  Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, op]) => {
          if (!path.startsWith('/api/') || path.startsWith('/api/internal/')) return [method, op];
          const responses = { ...op.responses };
          responses['401'] ??= badCredentials;
          if (op.requestBody?.content?.['application/json']) responses['413'] ??= errors.tooLarge;
          return [method, { ...op, responses }];
        }),
      ),
    ]),
  );

/**
 * The OpenAPI 3.1 document of every REST path, generated from the zod schemas the handlers parse with
 * and answer in. A contract test exercises each path and status in it and validates what comes back.
 */
export const createOpenApiDocument = ({ serverUrl, cookieName }: { serverUrl: string; cookieName: string }) =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'mediashare',
      version: '1.0.0',
      description:
        'A media vault with share links and a public Community feed. Errors are `{ "message": ... }` with the status. The same operations are available to typed clients over tRPC at /trpc.',
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [] }, { bearer: [] }],
    components: {
      // Named once, referenced wherever used: generated clients get these as their type names.
      schemas: {
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
        ApiToken: ZApiToken,
        CreatedApiToken: ZCreatedApiToken,
        CreateTokenInput: ZCreateTokenInput,
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: cookieName, description: 'The session cookie set at sign-in.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (msk_...), scopes read and/or share.' },
        serviceToken: { type: 'http', scheme: 'bearer', description: 'INTERNAL_API_TOKEN, for internal apps.' },
      },
    },
    paths: withCommonResponses({
      ...accountPaths,
      ...vaultPaths,
      ...sharingPaths,
      ...communityPaths,
      ...tokenPaths,
      ...platformPaths,
    }),
  });
