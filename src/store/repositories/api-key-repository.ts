// API keys: a random secret shown once at creation, stored only as its sha256 hash, with a
// short prefix to tell keys apart in listings, a set of scopes and one workspace.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Prisma } from '../prisma-client';

export type ApiKeyRow = Prisma.ApiKeyGetPayload<object>;

/** What the caller gets back once, at creation: the secret itself is never stored. */
export interface CreatedApiKey {
  key: ApiKeyRow;
  secret: string;
}

const SECRET_PREFIX = 'ak_';
/** Characters of the secret kept for listings ("ak_" + 8): enough to tell keys apart, useless to guess. */
const LISTED_PREFIX_LENGTH = SECRET_PREFIX.length + 8;
/** lastUsedAt is a hint, not an audit log: write it at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The stored form of a secret. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a bearer token has the shape of one of our keys (saves a query for anything else). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(SECRET_PREFIX) && token.length > LISTED_PREFIX_LENGTH;
}

export function parseScopes(stored: string): string[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  /** Creates a key for a workspace; the returned secret is the only copy there will ever be. */
  async create(input: { workspaceId: string; name: string; scopes: readonly string[] }): Promise<CreatedApiKey> {
    // 32 random bytes: 256 bits, so a sha256 hash (no salt, no stretching) is safe to store.
    const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = await this.db.apiKey.create({
      data: {
        workspaceId: input.workspaceId,
        name: input.name,
        prefix: secret.slice(0, LISTED_PREFIX_LENGTH),
        hash: hashApiKey(secret),
        scopes: [...new Set(input.scopes)].join(','),
      },
    });
    return { key, secret };
  }

  /** The active (not revoked) key with this secret, or null. */
  async findActiveBySecret(secret: string): Promise<ApiKeyRow | null> {
    if (!looksLikeApiKey(secret)) return null;
    return this.db.apiKey.findFirst({ where: { hash: hashApiKey(secret), revokedAt: null } });
  }

  /** Records that a key was used, at most once a minute per key. */
  async markUsed(key: ApiKeyRow, at: Date = new Date()): Promise<void> {
    if (key.lastUsedAt && at.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: at },
    });
  }

  /** Every key of a workspace (revoked ones included), newest first. */
  async list(workspaceId: string): Promise<ApiKeyRow[]> {
    return this.db.apiKey.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  /** Keys of a workspace whose id or listed prefix is `idOrPrefix`. */
  async find(workspaceId: string, idOrPrefix: string): Promise<ApiKeyRow[]> {
    return this.db.apiKey.findMany({ where: { workspaceId, OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] } });
  }

  /** Revokes a key (idempotent: an already revoked key keeps its first revocation time). */
  async revoke(id: string, at: Date = new Date()): Promise<ApiKeyRow | null> {
    await this.db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.db.apiKey.findUnique({ where: { id } });
  }
}
