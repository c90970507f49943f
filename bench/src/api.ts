import { request } from 'node:http';
import postgres from 'postgres';

/** Signs a new user up on a running server; returns the session cookie and the user's id. */
export const signUp = async (url: string, name = `bench${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`) => {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${name}@example.test`, username: name, password: 'benchmark password' }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const user = (await res.json()) as { id: number };
  return { cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', userId: user.id };
};

export const upload = async (url: string, cookie: string, bytes: Uint8Array, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await fetch(`${url}/api/user/media`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; filePath: string };
};

export const share = async (url: string, cookie: string, id: number, body: unknown) => {
  const res = await fetch(`${url}/api/media/${id}/share`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`share failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { shareCode: string; communityMediaId?: number };
};

export const COMMUNITY = { shareToCommunity: true, tags: ['night'], policyAgreed: true };

/**
 * Streams a generated file of `bytes` bytes (an MP4 signature, then zeros) as a multipart upload, so
 * not even the benchmark holds it in memory.
 */
export const uploadGenerated = (url: string, cookie: string, bytes: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');
    const boundary = 'BENCHBOUNDARY';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(1024 * 1024);
    const req = request(
      `${url}/api/user/media`,
      {
        method: 'POST',
        headers: {
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + bytes + tail.length,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      if (sent === 0) {
        req.write(head);
        req.write(ftyp);
        sent = ftyp.length;
      }
      let ok = true;
      while (ok && sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        ok = req.write(n === chunk.length ? chunk : chunk.subarray(0, n));
      }
      if (sent >= bytes) req.end(tail);
      else req.once('drain', pump);
    };
    pump();
  });

/**
 * Vault rows without files, straight into the database: link-only shares never touch storage, so a
 * throughput test needs only rows, and many of them so requests do not queue on one item's lock.
 */
export const seedMediaRows = async (databaseUrl: string, userId: number, count: number) => {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: number }[]>`
      insert into media (user_id, file_path, file_name, mime_type, size, width, height, source)
      select ${userId}, ${userId} || '/uploads/seed-' || g || '.jpg', 'seed-' || g || '.jpg', 'image/jpeg', 1000, 10, 10, 'upload'
      from generate_series(1, ${count}) g
      returning id`;
    return rows.map((r) => r.id);
  } finally {
    await sql.end();
  }
};
