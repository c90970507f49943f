import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';

let h: Harness;
let owner: TestUser;
let id: number;
let code: string;
beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
  const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'fuzz.png');
  id = item.id;
  code = (await share(h, owner, id, { shareToCommunity: false })).body.shareCode;
});
afterAll(() => h.close());

const FIELDS = ['expiresAt', 'maxViews', 'password', 'allowDownload', 'showMetadata'] as const;

/** Wrong types, huge and odd numbers, far and malformed dates, long strings, nested junk. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    -1,
    0,
    1.5,
    1e308,
    2 ** 31,
    '1',
    '',
    'true',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '9999-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '2030-02-30T00:00:00Z',
    'x'.repeat(100_000),
  ),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.string({ maxLength: 300 }),
);

const settingsRow = async () =>
  (await h.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.shareCode, code)))[0] ?? null;

describe('PATCH /api/media/:id/share/link under hostile input', () => {
  it('answers 200 or a 400 naming the field, never 5xx, and a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), hostileValue, async (field, value) => {
        const before = await settingsRow();
        const res = await call(h.app, `/api/media/${id}/share/link`, {
          method: 'PATCH',
          json: { [field]: value },
          cookie: owner.cookie,
        });
        expect([200, 400, 413]).toContain(res.status);
        if (res.status === 400) {
          expect(res.body.message).toMatch(new RegExp(`^Invalid field "${field}"`));
          expect(await settingsRow()).toEqual(before);
        }
      }),
      { numRuns: 150, seed: 20261201 },
    );
  }, 120_000);
});
