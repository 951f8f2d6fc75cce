// The load generator's HTTP client: node:http over a keep-alive agent, one socket per
// concurrent sender. The global fetch (undici) costs the generator more CPU per request than
// a bare Bolt app spends answering it; on a 2-core machine the generator would then be the
// bottleneck and the "ceiling" would measure the generator, not Bolt.
import { Agent, request } from 'node:http';
import type { FetchLike, FetchResponseLike } from '../src/simulator/sender';

export function keepAliveFetch(maxSockets: number): FetchLike {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (url, init) =>
    new Promise<FetchResponseLike>((resolve, reject) => {
      const req = request(url, { method: init.method, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              forEach(fn: (value: string, key: string) => void) {
                for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) fn(Array.isArray(value) ? value.join(', ') : value, key);
              },
            },
            text: async () => text,
          });
        });
      });
      req.on('error', reject);
      req.end(init.body);
    });
}
