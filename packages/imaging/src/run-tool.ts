import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { ImagingError } from '@mediashare/core';

export interface ToolRun {
  /** Wall-clock limit; the process is killed (SIGKILL) when it runs over. */
  timeoutMs: number;
  /** Most stdout bytes accepted; more means the input is not what it claims, and the process is killed. */
  maxOutputBytes: number;
}

/** Lower than the image service's own priority (10), which it inherits: ffmpeg yields to everything. */
const TOOL_PRIORITY = 15;
const MAX_STDERR_BYTES = 16 * 1024;

/**
 * Runs ffmpeg or ffprobe on hostile input: no stdin, low priority, a time limit enforced by killing it,
 * stdout bounded and collected, stderr kept only for the error message.
 */
export const runTool = (command: string, args: string[], { timeoutMs, maxOutputBytes }: ToolRun) =>
  new Promise<Buffer>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) {
      try {
        setPriority(child.pid, TOOL_PRIORITY);
      } catch {
        // Not permitted on some platforms; it still runs at the service's priority.
      }
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: ImagingError | undefined;
    const stop = (error: ImagingError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new ImagingError('timeout', `${command} ran over ${timeoutMs} ms and was stopped`)),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutputBytes) stop(new ImagingError('corrupt', `${command} wrote more than ${maxOutputBytes} bytes`));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < MAX_STDERR_BYTES) err += chunk.toString('utf8').slice(0, MAX_STDERR_BYTES - err.length);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(failure ?? new ImagingError('unsupported', `${command} could not run: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const detail = err.trim().split('\n').slice(-3).join('; ') || `exit ${code ?? signal}`;
        return reject(new ImagingError('corrupt', `${command} failed: ${detail}`));
      }
      resolve(Buffer.concat(out));
    });
  });
