// response_url endpoints: the simulator hands out URLs, records what the app POSTs to them and
// answers like hooks.slack.com (200 "ok"; 404 for a URL it never issued).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_WAIT_MS } from './call-log';
import { readBody } from './request-body';
import { Waiters } from './waiters';

export interface ResponseUrlPost {
  id: string;
  /** The JSON body (what Bolt's respond() sends); form bodies become an object of strings. */
  body: unknown;
  rawBody: string;
  contentType: string;
  at: Date;
}

export class ResponseUrls {
  private readonly posts = new Map<string, ResponseUrlPost[]>();
  private readonly waiters = new Waiters<ResponseUrlPost>();

  /** A new response URL under `baseUrl`. */
  issue(baseUrl: string): string {
    const id = randomBytes(12).toString('hex');
    this.posts.set(id, []);
    return `${baseUrl}/response/${id}`;
  }

  /** Posts received at a URL (or its ID), oldest first. */
  received(idOrUrl: string): ResponseUrlPost[] {
    return [...(this.posts.get(idOf(idOrUrl)) ?? [])];
  }

  /** The first post to this URL matching `predicate`, already received or still to come. */
  waitFor(idOrUrl: string, predicate: (post: ResponseUrlPost) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<ResponseUrlPost> {
    const id = idOf(idOrUrl);
    const existing = this.posts.get(id)?.find(predicate);
    if (existing) return Promise.resolve(existing);
    return this.waiters.wait((post) => post.id === id && predicate(post), timeoutMs, `a POST to response_url ${id}`);
  }

  /** Answers POST /response/<id>. */
  async handle(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const rawBody = await readBody(req);
    const list = this.posts.get(id);
    const reply = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!list || req.method !== 'POST') return reply(404, 'invalid_token');
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown;
    if (/json/i.test(contentType)) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return reply(400, 'invalid_payload');
      }
    } else {
      body = Object.fromEntries(new URLSearchParams(rawBody));
    }
    const post: ResponseUrlPost = { id, body, rawBody, contentType, at: new Date() };
    list.push(post);
    this.waiters.notify(post);
    reply(200, 'ok');
  }

  close(): void {
    this.waiters.rejectAll(new Error('Slack simulator closed'));
  }
}

function idOf(idOrUrl: string): string {
  const match = /\/response\/([^/?#]+)/.exec(idOrUrl);
  return match?.[1] ?? idOrUrl;
}
