import { describe, expect, it } from 'vitest';
import { ZRegisterInput } from './auth';
import { formatZodError } from './format';
import { ZShareInput } from './share';

const messageFor = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return formatZodError(result.error as never);
};

describe('formatZodError', () => {
  it('names the field that failed', () => {
    expect(messageFor(ZShareInput, { tags: 'brunette' })).toMatch(/^Invalid field "tags": /);
    expect(messageFor(ZShareInput, { tags: ['ok', 5] })).toMatch(/^Invalid field "tags\.1": /);
    expect(messageFor(ZShareInput, { shareToCommunity: 'yes' })).toMatch(/^Invalid field "shareToCommunity": /);
  });

  it('names unknown fields', () => {
    expect(messageFor(ZShareInput, { shareToCommunity: true, tagz: [] })).toBe('Unknown field "tagz"');
    expect(messageFor(ZRegisterInput, { email: 'a@b.co', username: 'abc', password: 'longenough', a: 1, b: 2 })).toBe(
      'Unknown fields "a", "b"',
    );
  });

  it('explains a body that is not an object', () => {
    expect(messageFor(ZShareInput, [1, 2])).toMatch(/^Invalid request: /);
  });
});
