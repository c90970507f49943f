import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share, shareState } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
  other = await createUser(h.app);
});
afterAll(() => h.close());

type Input = { shareToCommunity?: boolean; tags?: string[]; policyAgreed?: boolean };

/** The state a share leaves, minus what is random by design (codes, ids, file names). */
const normalised = async (mediaId: number) => {
  const s = await shareState(h, mediaId);
  return {
    isShared: s.media?.isShared,
    shareToCommunity: s.media?.shareToCommunity,
    hasCode: s.media?.shareCode !== null,
    community: s.community.map((c) => ({ watermarked: c.watermarked, mimeType: c.mimeType })),
    tags: s.tags,
  };
};
const shape = (body: unknown) =>
  JSON.parse(
    JSON.stringify(body, (_k, v: unknown) => (typeof v === 'string' && /^[0-9a-f]{32}$/.test(v) ? '<code>' : v))
      .replace(/[0-9a-f]{32}/g, '<code>')
      .replace(/-[0-9a-f]{8}\.(jpg|png)/g, '-<rand>.$1')
      .replace(/"communityMediaId":\d+/g, '"communityMediaId":0'),
  );

const sequences: [string, Input[]][] = [
  ['community share', [{ tags: ['night', 'urban'], policyAgreed: true }]],
  ['link only', [{ shareToCommunity: false }]],
  ['community, then link only', [{ tags: ['night'], policyAgreed: true }, { shareToCommunity: false }]],
  [
    're-share with new tags',
    [
      { tags: ['night'], policyAgreed: true },
      { tags: ['street', 'urban'], policyAgreed: true },
    ],
  ],
  ['missing policy', [{ tags: ['night'] }]],
  ['missing tags', [{ policyAgreed: true }]],
  ['unknown tag', [{ tags: ['nope'], policyAgreed: true }]],
];

describe('REST and tRPC serve the same core functions', () => {
  it.each(sequences)('%s: same answers, same state', async (_name, inputs) => {
    const viaRest = (await uploadFile(h.app, owner, await makeImage('png'), 'same.png')).body.id as number;
    const viaTrpc = (await uploadFile(h.app, owner, await makeImage('png'), 'same.png')).body.id as number;
    const client = trpcFor(h.app, owner.cookie);
    for (const input of inputs) {
      const rest = await share(h, owner, viaRest, input);
      const rpc = await outcome(client.share.create.mutate({ id: viaTrpc, ...input }));
      expect(rpc.status).toBe(rest.status);
      expect(shape(rpc.body)).toEqual(shape(rest.body));
    }
    expect(await normalised(viaTrpc)).toEqual(await normalised(viaRest));

    const restDelete = await call(h.app, `/api/media/${viaRest}/share`, { method: 'DELETE', cookie: owner.cookie });
    const rpcDelete = await outcome(client.share.delete.mutate({ id: viaTrpc }));
    expect(rpcDelete.status).toBe(restDelete.status);
    expect(await normalised(viaTrpc)).toEqual(await normalised(viaRest));
  });

  it('refuses the same way: 401, 404 and 400', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    const pairs = [
      [
        await call(h.app, `/api/media/${item.id}/share`, { json: {} }),
        await outcome(trpcFor(h.app).share.create.mutate({ id: item.id })),
      ],
      [await share(h, other, item.id, {}), await outcome(trpcFor(h.app, other.cookie).share.create.mutate({ id: item.id }))],
      // Past what the database can hold is no id at all, on both transports.
      [await share(h, owner, 2 ** 31, {}), await outcome(trpcFor(h.app, owner.cookie).share.create.mutate({ id: 2 ** 31 }))],
      [
        await share(h, owner, item.id, { tags: 'night' }),
        await outcome(trpcFor(h.app, owner.cookie).share.create.mutate({ id: item.id, tags: 'night' as unknown as string[] })),
      ],
    ] as const;
    for (const [rest, rpc] of pairs) {
      expect(rpc.status).toBe(rest.status);
      expect(rpc.body).toEqual(rest.body);
    }
  });

  it('shares by path and reads a shared item over tRPC as over REST', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    const client = trpcFor(h.app, owner.cookie);
    const shared = await client.share.byPath.mutate({ filePath: item.filePath, shareToCommunity: false });
    expect(shared.mediaId).toBe(item.id);
    const viaRpc = await trpcFor(h.app).shared.get.query({ code: shared.shareCode });
    const viaRest = await call(h.app, `/api/shared/media/${shared.shareCode}`);
    expect(viaRpc).toEqual(viaRest.body);
  });
});
