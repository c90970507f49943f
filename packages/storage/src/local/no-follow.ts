import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * Paths below a base folder (a bucket, or its metadata folder) that are walked without following symbolic
 * links. The base itself may be reached through a link (a data disk mounted elsewhere is the operator's
 * choice); below it, a link is never followed, so a key names a file in its bucket or nothing.
 *
 * Each check is made right before the call it guards. A process that can swap a folder for a link between
 * the two already writes inside the data folder, which owns every object anyway.
 */

// O_NOFOLLOW refuses a link as the last component; O_NONBLOCK keeps a FIFO planted at a key from blocking
// the open (regular files ignore it).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

// ELOOP: the last component is a link (EMLINK on FreeBSD); ENOTDIR: a component on the way is a file;
// ENAMETOOLONG: a component longer than the filesystem allows (255 bytes on most), which no file can have.
const UNREACHABLE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EMLINK', 'ENAMETOOLONG']);
export const isUnreachable = (error: unknown) => UNREACHABLE.has((error as NodeJS.ErrnoException).code ?? '');

/** Whether `base/relative` is an existing folder reached without passing any link below `base`. */
export const isPlainFolder = async (base: string, relative: string): Promise<boolean> => {
  try {
    const [realBase, real] = await Promise.all([realpath(base), realpath(path.join(base, relative))]);
    return real === path.join(realBase, relative);
  } catch (error) {
    if (isUnreachable(error)) return false;
    throw error;
  }
};

/**
 * Opens `base/relative` for reading if it is a regular file reached without any link below `base`;
 * null when it is missing, a link, reached through one, or not a regular file.
 */
export const openPlainFile = async (base: string, relative: string): Promise<{ handle: FileHandle; size: number } | null> => {
  if (!(await isPlainFolder(base, path.dirname(relative)))) return null;
  let handle: FileHandle;
  try {
    handle = await open(path.join(base, relative), OPEN_FLAGS);
  } catch (error) {
    if (isUnreachable(error)) return null;
    throw error;
  }
  // Judged on the opened descriptor, so what is checked is what will be read.
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (stats.isFile()) return { handle, size: stats.size };
  await handle.close();
  return null;
};

/**
 * Creates `base/relative` one folder at a time, refusing (false) as soon as a component exists as anything
 * but a real folder. A recursive mkdir would follow a linked component and create folders wherever it points.
 */
export const makePlainFolder = async (base: string, relative: string): Promise<boolean> => {
  await mkdir(base, { recursive: true });
  let current = base;
  for (const segment of relative === '.' ? [] : relative.split(path.sep)) {
    current = path.join(current, segment);
    await mkdir(current).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    const stats = await lstat(current);
    if (!stats.isDirectory()) return false;
  }
  return true;
};
