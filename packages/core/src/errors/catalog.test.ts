import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { budgetHeaders } from '../limits/budget-headers';
import { ERRORS } from './catalog';
import { defineErrors } from './define-errors';

/**
 * documented-errors.txt is the "Error Responses" section of the API documentation of
 * POST /api/media/:id/share, verbatim: a status heading, then a label and the JSON body for each error.
 */
const documented = () => {
  const text = readFileSync(new URL('./documented-errors.txt', import.meta.url), 'utf8');
  const found: { status: number; label: string; body: unknown }[] = [];
  let status = 0;
  for (const match of text.matchAll(/^(\d{3}) .+$|^(.+):\n(\{\n[\s\S]*?\n\})$/gm)) {
    if (match[1]) status = Number(match[1]);
    else found.push({ status, label: match[2] ?? '', body: JSON.parse(match[3] ?? '') });
  }
  return found;
};

const SEED_ERRORS = {
  'Invalid media ID': ERRORS.invalidMediaId,
  'Missing policy agreement (for user upload images)': ERRORS.policyRequired,
  'Missing tags (for user upload images)': ERRORS.tagsRequired,
  'Media not found or unauthorized': ERRORS.mediaNotFound,
  'Failed to create share link': ERRORS.shareLinkFailed,
  'General error': ERRORS.shareFailed,
} as const;

describe('the error catalog', () => {
  it('answers every documented error with its documented status and body, word for word', () => {
    const errors = documented();
    expect(errors.map((e) => e.label)).toEqual(Object.keys(SEED_ERRORS));
    for (const { status, label, body } of errors) {
      const factory = SEED_ERRORS[label as keyof typeof SEED_ERRORS];
      expect(factory.status, label).toBe(status);
      expect(factory.answer(), label).toEqual(body);
      const error = factory();
      expect({ message: error.message, ...error.body }).toEqual(body);
    }
  });

  it('keys every error by its code and makes AppErrors with the parameters in the message', () => {
    for (const [code, factory] of Object.entries(ERRORS)) expect(factory.code).toBe(code);
    const error = ERRORS.unknownTags({ slugs: ['nope', 'nada'] });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unknownTags', status: 400, message: 'Unknown tags: nope, nada', body: {}, headers: {} });
    expect(ERRORS.unknownTags({ slugs: ['nope'] }).message).toBe('Unknown tag: nope');
    expect(ERRORS.missingScope.answer({ scope: 'read' })).toEqual({ message: 'This API token lacks the "read" scope' });
  });

  it('gives headers and keeps the cause for the log, out of the answer', () => {
    const cause = new Error('connection reset');
    const busy = ERRORS.mediaBusy({ cause });
    expect(busy.headers).toEqual({ 'Retry-After': '2' });
    expect(busy.cause).toBe(cause);
    expect(busy.body).toEqual({});
    const locked = ERRORS.loginLocked({ retryAfter: 42 });
    expect(locked.headers).toEqual({ 'Retry-After': '42' });
    expect(locked.body).toEqual({});
  });

  it('refuses a spent budget with the RateLimit-* fields a budget’s successes carry, Remaining 0', () => {
    const error = ERRORS.rateLimited({ budget: 'uploads', scope: 'account', limit: 200, windowSeconds: 3600, retryAfter: 17 });
    expect(error.message).toBe('Too many uploads from this account; try again in 17 s');
    expect(error.headers).toEqual({
      'Retry-After': '17',
      ...budgetHeaders({ limit: 200, remaining: 0, resetSeconds: 17, windowSeconds: 3600 }),
    });
  });
});

describe('defineErrors', () => {
  const CATALOG = defineErrors({
    passwordRequired: { status: 401, message: 'Password required', body: () => ({ passwordRequired: true }) },
    slowDown: {
      status: 429,
      message: ({ seconds }: { seconds: number }) => `Slow down for ${seconds} s`,
      headers: ({ seconds }: { seconds: number }) => ({ 'Retry-After': String(seconds), 'RateLimit-Remaining': '0' }),
    },
  });

  it('puts extra fields beside the message and headers on the error', () => {
    const error = CATALOG.passwordRequired();
    expect(error).toMatchObject({ code: 'passwordRequired', status: 401, message: 'Password required' });
    expect(error.body).toEqual({ passwordRequired: true });
    expect(CATALOG.passwordRequired.answer()).toEqual({ message: 'Password required', passwordRequired: true });
    const slow = CATALOG.slowDown({ seconds: 3 });
    expect(slow.message).toBe('Slow down for 3 s');
    expect(slow.headers).toEqual({ 'Retry-After': '3', 'RateLimit-Remaining': '0' });
    // The cause is not a parameter: it never reaches the message, the body or the headers.
    expect(CATALOG.slowDown({ seconds: 1, cause: 'x' }).body).toEqual({});
  });
});
