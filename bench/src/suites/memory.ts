import { freshDatabase, startBuiltServer } from '@mediashare/testing';
import { COMMUNITY, share, signUp, uploadGenerated } from '../api';
import { MB, rssOf, sampleRss } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

/** 7. Peak resident memory growth of the server while it takes a large video in and shares it. */
export const memorySuite = async (settings: Settings): Promise<Row[]> => {
  const database = await freshDatabase('mediashare_bench');
  const server = await startBuiltServer({ ...database.env, MAX_UPLOAD_BYTES: String(settings.largeFileBytes + MB) });
  try {
    const { cookie } = await signUp(server.url);
    for (let i = 0; i < 20; i++) await fetch(`${server.url}/healthz`);
    const size = `${Math.round(settings.largeFileBytes / MB)} MB`;

    const before = rssOf(server.pid);
    const uploading = sampleRss(server.pid);
    const started = performance.now();
    const uploaded = await uploadGenerated(server.url, cookie, settings.largeFileBytes);
    const uploadSeconds = (performance.now() - started) / 1000;
    const uploadPeak = uploading.stop();
    if (uploaded.status !== 201) throw new Error(`upload failed: ${uploaded.status} ${uploaded.body}`);
    const { id } = JSON.parse(uploaded.body) as { id: number };

    const beforeShare = rssOf(server.pid);
    const sharing = sampleRss(server.pid);
    await share(server.url, cookie, id, COMMUNITY);
    const sharePeak = sharing.stop();

    return [
      row({
        id: '7a',
        name: `Memory, uploading a ${size} video`,
        ratioOf: 'peak RSS growth of the server (MB)',
        value: (uploadPeak - before) / MB,
        target: { op: '<=', bound: 64 },
        figures: {
          baselineMB: before / MB,
          peakMB: uploadPeak / MB,
          throughputMBps: settings.largeFileBytes / MB / uploadSeconds,
          database: database.kind,
        },
      }),
      row({
        id: '7b',
        name: `Memory, sharing a ${size} video to the Community`,
        ratioOf: 'peak RSS growth of the server (MB)',
        value: (sharePeak - beforeShare) / MB,
        target: { op: '<=', bound: 64 },
        figures: { baselineMB: beforeShare / MB, peakMB: sharePeak / MB },
      }),
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
};
