import type { IncomingMessage } from 'node:http';
import { ERRORS, formatZodError } from '@mediashare/core';
import type { Context } from 'hono';
import type { z } from 'zod';

/** Every body but an upload is small JSON. */
export const JSON_BODY_LIMIT = 64 * 1024;

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export const isJsonType = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? '');

const bodyTooLarge = () => ERRORS.bodyTooLarge({ limit: JSON_BODY_LIMIT });

/**
 * Refuses a JSON body whose declared length is over the limit, without touching the stream. (Hono's
 * bodyLimit would first build a fetch Request around the Node request, which costs more than the rest of
 * a small request.) A chunked body has no length to judge: readBodyText counts it as it arrives.
 */
export const refuseLargeJsonBody = (c: Context) => {
  const length = c.req.header('content-length');
  if (length === undefined || c.req.header('transfer-encoding') !== undefined) return;
  if (Number.parseInt(length, 10) > JSON_BODY_LIMIT) throw bodyTooLarge();
};

/**
 * The request body as text. On the node server it is read straight off the socket's stream: asking
 * Hono for it would first build a fetch Request (and its streams) around the Node request, which costs
 * more than the rest of a small JSON request.
 */
const readBodyText = async (c: Context): Promise<string> => {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) {
    // app.request() in tests: a Request may carry a body without saying its length.
    const text = await c.req.text();
    if (Buffer.byteLength(text) > JSON_BODY_LIMIT) throw bodyTooLarge();
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > JSON_BODY_LIMIT) throw bodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Parses a JSON body against a schema. An empty body counts as `{}` so documented defaults apply;
 * malformed JSON and schema failures are 400s that name what was wrong.
 */
export const parseJsonBody = async <S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> => {
  const text = await readBodyText(c);
  let data: unknown = {};
  if (text.trim() !== '') {
    // JSON only as JSON: a text/plain or form body is what a page on another site can send without asking.
    if (!isJsonType(c.req.header('content-type'))) throw ERRORS.jsonRequired();
    try {
      data = JSON.parse(text);
    } catch {
      throw ERRORS.malformedJson();
    }
  }
  return parseInput(schema, data);
};

export const parseInput = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> => {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw ERRORS.invalidInput({ detail: formatZodError(parsed.error) });
  return parsed.data;
};
