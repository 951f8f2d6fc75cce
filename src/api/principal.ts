// Who is calling the API: a workspace and the scopes they hold.
export const API_SCOPES = ['activities:read', 'activities:write', 'members:read', 'export'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface Principal {
  workspaceId: string;
  scopes: readonly ApiScope[];
  /** "env" for API_TOKEN, else the API key's id. */
  keyId: string;
}

/** Turns a bearer token into a principal, or null when the token is not valid. */
export type Authenticate = (token: string) => Promise<Principal | null>;
