import { chmod, mkdir, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Logger } from '../logger';
import { BackupError } from './backup-error';
import type { Snapshot } from './snapshot';

/**
 * The running server's local control channel: a Unix socket in a folder only its user can enter, so
 * only that user's processes (the operator's `pnpm backup`) reach it. It answers one request, a
 * snapshot for a backup, with one JSON line, and keeps the snapshot until that connection closes.
 */
export const controlSocketPath = (dataDir: string) => path.join(dataDir, 'run', 'control.sock');

// sun_path holds 108 bytes on Linux and 104 on macOS, with the closing NUL.
const MAX_SOCKET_PATH = 103;

const ZRequest = z.object({ op: z.literal('snapshot') });

const ZSnapshot = z.object({
  dir: z.string(),
  database: z.object({
    postgres: z.string(),
    migration: z.number().nullable(),
    tables: z.record(z.string(), z.number().int().min(0)),
  }),
  storage: z.object({ files: z.number(), linked: z.number(), copied: z.number() }),
});
const ZAnswer = z.union([
  z.object({ ok: z.literal(true), snapshot: ZSnapshot }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
type TAnswer = z.infer<typeof ZAnswer>;

const firstLine = (socket: Socket) =>
  new Promise<string | null>((resolve) => {
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.once('line', (line) => {
      resolve(line);
      lines.close();
      // Keep reading (and ignoring) whatever follows, so the other side's close is seen.
      socket.resume();
    });
    lines.once('close', () => resolve(null));
  });

export const listenForBackups = async ({
  dataDir,
  snapshot,
  logger,
}: {
  dataDir: string;
  snapshot: () => Promise<Snapshot>;
  logger: Logger;
}): Promise<{ socketPath: string; close(): Promise<void> } | null> => {
  const socketPath = controlSocketPath(dataDir);
  if (process.platform === 'win32' || Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    logger.warn(
      { socketPath },
      'no control socket (platform or path length): `pnpm backup` works only while the server is stopped',
    );
    return null;
  }
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  await chmod(path.dirname(socketPath), 0o700);
  // This process holds the data dir's lock, so a socket left here belongs to a process that is gone.
  await rm(socketPath, { force: true });

  let busy = false;
  let closing = false;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const answer = (body: TAnswer) => socket.write(`${JSON.stringify(body)}\n`);
    void firstLine(socket).then(async (line) => {
      if (line === null) return;
      let request: unknown;
      try {
        request = JSON.parse(line);
      } catch {
        request = undefined;
      }
      if (!ZRequest.safeParse(request).success) {
        answer({ ok: false, error: 'unknown request' });
        socket.end();
        return;
      }
      if (busy) {
        answer({ ok: false, error: 'another backup is being taken right now' });
        socket.end();
        return;
      }
      busy = true;
      let taken: Snapshot;
      try {
        taken = await snapshot();
      } catch (error) {
        busy = false;
        logger.error({ err: error }, 'backup snapshot failed');
        answer({ ok: false, error: error instanceof Error ? error.message : String(error) });
        socket.end();
        return;
      }
      logger.info({ database: taken.database.tables, storage: taken.storage }, 'backup snapshot taken');
      const discard = () => {
        busy = false;
        // A server stopping mid-backup leaves the snapshot to the backup still copying it; the next start removes it.
        if (!closing) void rm(taken.dir, { recursive: true, force: true });
      };
      if (socket.destroyed) discard();
      else {
        socket.once('close', discard);
        answer({ ok: true, snapshot: taken });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
};

/**
 * Asks the server running on `dataDir` for a snapshot. Null when none listens there (no socket, or one
 * left by a process that died). `release` tells the server the snapshot can go.
 */
export const requestSnapshot = (dataDir: string): Promise<{ snapshot: Snapshot; release(): Promise<void> } | null> =>
  new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    let answered = false;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      if (['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(error.code ?? '')) resolve(null);
      else reject(new BackupError(`Could not reach the server's control socket: ${error.message}`, { cause: error }));
    });
    socket.once('connect', () => {
      socket.write(`${JSON.stringify({ op: 'snapshot' })}\n`);
      void firstLine(socket).then((line) => {
        if (answered) return;
        answered = true;
        let body: unknown;
        try {
          body = line === null ? undefined : JSON.parse(line);
        } catch {
          body = undefined;
        }
        const parsed = ZAnswer.safeParse(body);
        if (!parsed.success) {
          socket.destroy();
          reject(new BackupError('The server closed the control connection without a snapshot (did it stop?)'));
        } else if (!parsed.data.ok) {
          socket.destroy();
          reject(new BackupError(`The running server could not take a snapshot: ${parsed.data.error}`));
        } else {
          resolve({
            snapshot: parsed.data.snapshot,
            release: () =>
              new Promise<void>((done) => {
                if (socket.destroyed) return done();
                socket.once('close', () => done());
                socket.end();
              }),
          });
        }
      });
    });
  });
