import { freshDatabase, startBuiltServer } from '@mediashare/testing';
import { COMMUNITY, share, signUp, uploadGenerated } from '../api';
import { MB, rssOf, sampleRss } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

/** Downloads the account's export to its end, discarding it as it arrives; returns the bytes read. */
const downloadExport = async (url: string, cookie: string) => {
  const res = await fetch(`${url}/api/user/export`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
  return bytes;
};

/**
 * 7c/7d. Peak resident memory growth of the server while it streams an account's export, for a small
 * vault and one eight times its size: flat means the two rows agree, whatever the vault holds.
 */
const exportRows = async ({ url, pid }: { url: string; pid: number }, settings: Settings): Promise<Row[]> => {
  const vaults = [
    { id: '7c', files: 1, fileBytes: settings.largeFileBytes / 8 },
    { id: '7d', files: 4, fileBytes: settings.largeFileBytes / 4 },
  ];
  const rows: Row[] = [];
  for (const vault of vaults) {
    const { cookie } = await signUp(url);
    for (let i = 0; i < vault.files; i++) {
      const uploaded = await uploadGenerated(url, cookie, vault.fileBytes);
      if (uploaded.status !== 201) throw new Error(`upload failed: ${uploaded.status} ${uploaded.body}`);
    }
    const total = vault.files * vault.fileBytes;
    const before = rssOf(pid);
    const sampling = sampleRss(pid);
    const started = performance.now();
    const bytes = await downloadExport(url, cookie);
    const seconds = (performance.now() - started) / 1000;
    const peak = sampling.stop();
    if (bytes < total) throw new Error(`export too short: ${bytes} of ${total} bytes`);
    rows.push(
      row({
        id: vault.id,
        name: `Memory, exporting a ${Math.round(total / MB)} MB vault (${vault.files} ${vault.files === 1 ? 'file' : 'files'}) as a ZIP`,
        ratioOf: 'peak RSS growth of the server (MB)',
        value: (peak - before) / MB,
        target: { op: '<=', bound: 64 },
        figures: { baselineMB: before / MB, peakMB: peak / MB, zipMB: bytes / MB, throughputMBps: bytes / MB / seconds },
      }),
    );
  }
  return rows;
};

/** 7. Peak resident memory growth of the server while it takes a large video in, shares it, and exports vaults. */
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

    const exports = await exportRows({ url: server.url, pid: server.pid }, settings);

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
      ...exports,
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
};
