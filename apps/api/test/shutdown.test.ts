import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { makeImage } from './support/fixtures';
import { spawnServer } from './support/spawn-server';

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones, and exits 0', async () => {
    const server = await spawnServer();
    try {
      const register = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'term@example.test', username: 'term', password: 'long enough password' }),
      });
      expect(register.status).toBe(201);
      const cookie = register.headers.get('set-cookie')?.split(';')[0] ?? '';

      // An upload whose body is still arriving when the signal comes.
      const image = await makeImage('png', 300, 200);
      const boundary = 'SHUTDOWNBOUNDARY';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${server.url}/api/user/media`,
          {
            method: 'POST',
            headers: {
              cookie,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': head.length + image.length + tail.length,
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write(head);
        req.write(image.subarray(0, 100));
        void sleep(500)
          .then(() => {
            server.child.kill('SIGTERM');
            return sleep(300);
          })
          .then(() => {
            req.write(image.subarray(100));
            req.end(tail);
          });
      });

      const done = await response;
      expect(done.status).toBe(201);
      expect(JSON.parse(done.body)).toMatchObject({ fileName: 'late.png', width: 300, height: 200 });
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('shutting down');
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
});
