import type { Access, AppError, Grant, TBudget } from '@mediashare/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps';
import type { ReceivedFile } from '../http/multipart';
import type { TagName } from './tags';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Examples = Record<string, { summary?: string; value: unknown }>;
type ZObject = z.ZodObject<z.ZodRawShape>;

/** A JSON request body, parsed with the measured reader (http/validate.ts) and then the schema. */
export interface JsonBody<S extends z.ZodType = z.ZodType> {
  kind: 'json';
  schema: S;
  examples?: Examples;
}

/** A multipart upload: the handler gets the one file part while its bytes still arrive. */
export interface FileUpload {
  kind: 'file';
  field: string;
  description: string;
}

/** What an answer of one status is: JSON of a schema, nothing, bytes, or a catalog error. */
export type RouteResponse =
  | { kind: 'json'; schema: z.ZodType; description: string; examples?: Examples; headers?: Record<string, string> }
  | { kind: 'plain'; description: string; headers?: Record<string, string> }
  | { kind: 'binary'; description: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'text'; contentType: string; description: string; headers?: Record<string, string> }
  | { kind: 'error'; description?: string; errors: AppError[] };

export type Responses = Partial<Record<number, RouteResponse>>;

export const json = <S extends z.ZodType>(schema: S, description: string, examples?: Examples) =>
  ({ kind: 'json', schema, description, ...(examples ? { examples } : {}) }) as const;

/** A JSON answer that sets headers (documented by name and meaning). */
export const jsonWithHeaders = <S extends z.ZodType>(schema: S, description: string, headers: Record<string, string>) =>
  ({ kind: 'json', schema, description, headers }) as const;

/** An answer documented by its description alone: no body (204, 416), or one not described (HTML). */
export const plain = (description: string, headers?: Record<string, string>) =>
  ({ kind: 'plain', description, ...(headers ? { headers } : {}) }) as const;

/** Bytes: any stored type by default, or one fixed type (a ZIP), with the headers it sets. */
export const binary = (description: string, options: { contentType?: string; headers?: Record<string, string> } = {}) =>
  ({ kind: 'binary', description, ...options }) as const;

/** A text document of one media type (a feed's XML or JSON), answered by the handler as a Response. */
export const text = (contentType: string, description: string, headers?: Record<string, string>) =>
  ({ kind: 'text', contentType, description, ...(headers ? { headers } : {}) }) as const;

/** The catalog errors a route answers with at one status; their answers are the document's examples. */
export const refused = (errors: AppError[], description?: string) =>
  ({ kind: 'error', errors, ...(description ? { description } : {}) }) as const;

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler returns for each success it declares; a Response passes through as it is. */
type Success<R extends Responses> = {
  [K in keyof R]: K extends 200 | 201 | 202
    ? R[K] extends { kind: 'json'; schema: infer S extends z.ZodType }
      ? z.input<S>
      : never
    : K extends 204
      ? void
      : never;
}[keyof R];

export interface HandlerInput<A extends Access, P, Q, B> {
  c: Context<AppEnv>;
  deps: AppDeps;
  /** The caller's user as the policy granted it (null on public routes for anonymous callers). */
  user: Grant<A>['user'];
  params: Output<P>;
  query: Output<Q>;
  body: B extends JsonBody<infer S> ? z.output<S> : B extends FileUpload ? ReceivedFile : undefined;
}

export interface RouteSpec<A extends Access, P, Q, B, R extends Responses> {
  method: Method;
  /** The documented path, parameters in braces: `/api/media/{id}/share`. */
  path: string;
  /** Hono's pattern, where it differs from the documented one (a parameter that spans slashes). */
  honoPath?: string;
  /** Stable, verb first: what generated clients call the operation. */
  operationId: string;
  /** Declared in tags.ts with its description. */
  tag: TagName;
  summary: string;
  description?: string;
  access: A;
  /**
   * The request budget each call spends (per account and per address, README: Rate limits), before its
   * input is read; a spent budget answers 429, which the document then lists.
   */
  budget?: TBudget;
  request?: { params?: P; query?: Q; body?: B };
  /**
   * A POST that creates something: it takes an Idempotency-Key header (README), and a retry with the same
   * key and request replays the stored answer instead of creating a second thing. Documented as a header.
   */
  idempotent?: boolean;
  /**
   * Every answer of the route. The policy's refusals (401, 403, 404) follow from `access` and the body's
   * (400, 413) from `request.body`; list only the route's own, with the catalog errors behind them.
   */
  responses: R;
  /**
   * How the route answers when storage or the database does not: 503 with Retry-After (the default);
   * `documented` where the API documentation fixes the failure answers (the seed's 500s); `none` for
   * routes that touch neither or answer an outage in their own words (/healthz, /readyz).
   */
  outages?: 'retry' | 'documented' | 'none';
  handler: (input: HandlerInput<A, P, Q, B>) => Promise<Success<R> | Response> | Success<R> | Response;
}

/** A declared route, as the router mounts it and the OpenAPI document describes it. */
export type Route = RouteSpec<Access, ZObject | undefined, ZObject | undefined, JsonBody | FileUpload | undefined, Responses>;

/**
 * Declares one REST route: where it is, who may call it, what it takes and answers, and the handler,
 * which only translates (input to one core call, its result to the answer).
 */
export const defineRoute = <
  const A extends Access,
  R extends Responses,
  P extends ZObject | undefined = undefined,
  Q extends ZObject | undefined = undefined,
  B extends JsonBody | FileUpload | undefined = undefined,
>(
  spec: RouteSpec<A, P, Q, B, R>,
): Route => spec as unknown as Route;

export const jsonBody = <S extends z.ZodType>(schema: S, examples?: Examples): JsonBody<S> => ({
  kind: 'json',
  schema,
  ...(examples ? { examples } : {}),
});

export const fileUpload = (description: string, field = 'file'): FileUpload => ({ kind: 'file', field, description });
