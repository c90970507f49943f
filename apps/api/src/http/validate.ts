import { ERRORS, formatZodError } from '@mediashare/core';
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';

/**
 * The request body as text. On the node server it is read straight off the socket's stream: asking
 * Hono for it would first build a fetch Request (and its streams) around the Node request, which costs
 * more than the rest of a small JSON request. The body limit middleware has already checked its size.
 */
const readBodyText = async (c: Context): Promise<string> => {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) return c.req.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    // A chunked body has no length to check up front: count it here.
    if (size > JSON_BODY_LIMIT) throw bodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** Every body but an upload is small JSON. */
export const JSON_BODY_LIMIT = 64 * 1024;

export const bodyTooLarge = () => ERRORS.bodyTooLarge({ limit: JSON_BODY_LIMIT });

/**
 * Parses a JSON body against a schema. An empty body counts as `{}` so documented defaults apply;
 * malformed JSON and schema failures are 400s that name what was wrong.
 */
export const parseJsonBody = async <S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> => {
  const text = await readBodyText(c);
  let data: unknown = {};
  if (text.trim() !== '') {
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

const MAX_ID = 2_147_483_647;

/** Path ids are decimal digits; anything else (negative, fractional, words) is not an id at all. */
export const parseMediaId = (raw: string | undefined): number => {
  if (!raw || !/^\d{1,16}$/.test(raw)) throw ERRORS.invalidMediaId();
  const id = Number(raw);
  if (id < 1) throw ERRORS.invalidMediaId();
  // Well formed but beyond any id the database can hold: it names nothing.
  if (id > MAX_ID) throw ERRORS.mediaNotFound();
  return id;
};
