// A sharing process to be killed: it runs one community share and reports once the public copy is
// uploaded, then stops there, between the upload and the database commit, until its parent kills it.
import { shareMedia, type StoragePort } from '@mediashare/core';
import { bootstrap } from '../../src/bootstrap';
import { loadEnv } from '../../src/env';
import { createLogger } from '../../src/logger';

const deps = await bootstrap(loadEnv(), createLogger('silent'));
const inner: StoragePort = deps.storage;
deps.storage = {
  ...inner,
  publicUrl: inner.publicUrl.bind(inner),
  get: inner.get.bind(inner),
  stat: inner.stat.bind(inner),
  delete: inner.delete.bind(inner),
  copy: inner.copy.bind(inner),
  put: async (bucket, key, body, options) => {
    const info = await inner.put(bucket, key, body, options);
    if (bucket === 'general') {
      process.send?.({ uploaded: key });
      await new Promise(() => {});
    }
    return info;
  },
};

await shareMedia(deps, {
  userId: Number(process.argv[2]),
  mediaId: Number(process.argv[3]),
  options: { shareToCommunity: true, tags: ['night'], policyAgreed: true },
});
