import { AppError, formatZodError, MESSAGES } from '@mediashare/core';
import type { Context } from 'hono';
import type { z } from 'zod';

/**
 * Parses a JSON body against a schema. An empty body counts as `{}` so documented defaults apply;
 * malformed JSON and schema failures are 400s that name what was wrong.
 */
export const parseJsonBody = async <S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> => {
  const text = await c.req.text();
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError('BAD_REQUEST', 'Malformed JSON body');
    }
  }
  return parseInput(schema, data);
};

export const parseInput = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> => {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('BAD_REQUEST', formatZodError(parsed.error));
  return parsed.data;
};

const MAX_ID = 2_147_483_647;

/** Path ids are decimal digits; anything else (negative, fractional, words) is not an id at all. */
export const parseMediaId = (raw: string | undefined): number => {
  if (!raw || !/^\d{1,16}$/.test(raw)) throw new AppError('BAD_REQUEST', MESSAGES.invalidMediaId);
  const id = Number(raw);
  if (id < 1) throw new AppError('BAD_REQUEST', MESSAGES.invalidMediaId);
  // Well formed but beyond any id the database can hold: it names nothing.
  if (id > MAX_ID) throw new AppError('NOT_FOUND', MESSAGES.mediaNotFound);
  return id;
};
