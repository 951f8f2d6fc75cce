// Coded errors: a stable snake_case `code` per failure, mapped to HTTP status only at the edge.

export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  SlackUnreachable: 'slack_unreachable',
  SlackAuthFailed: 'slack_auth_failed',
  ListenFailed: 'listen_failed',
  ActivityUnknownType: 'activity_unknown_type',
  ActivityUnknownVersion: 'activity_unknown_version',
  ActivityInvalidMetadata: 'activity_invalid_metadata',
  ActivityRecipientNotAllowed: 'activity_recipient_not_allowed',
  ActivityRecipientRequired: 'activity_recipient_required',
  ActivityNotIngestible: 'activity_not_ingestible',
  StoreUnavailable: 'store_unavailable',
  MigrationFailed: 'migration_failed',
  InvalidCursor: 'invalid_cursor',
  InvalidRequest: 'invalid_request',
  NotFound: 'not_found',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  Conflict: 'conflict',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with an input: where (a path into it) and what is wrong. */
export interface Issue {
  path: string;
  message: string;
}

/** Base class: every error we raise on purpose carries a code, and optionally its cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  override readonly cause?: unknown;

  constructor(code: ErrorCode, message: string, options: { issues?: Issue[]; cause?: unknown } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.issues = options.issues ?? [];
    this.cause = options.cause;
  }
}

/** The activity type is not in the registry. */
export class UnknownActivityTypeError extends AppError {
  constructor(readonly type: string) {
    super(ErrorCode.ActivityUnknownType, `unknown activity type "${type}"`, {
      issues: [{ path: 'type', message: `"${type}" is not a registered activity type` }],
    });
  }
}

/** The type exists but has no such metadata version. */
export class UnknownActivityVersionError extends AppError {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly known: number[],
  ) {
    super(
      ErrorCode.ActivityUnknownVersion,
      `activity type "${type}" has no version ${version} (versions: ${known.join(', ')})`,
      { issues: [{ path: 'version', message: `${type} supports versions ${known.join(', ')}, not ${version}` }] },
    );
  }
}

/** Metadata failed the schema of its (type, version); `issues` lists every failing field. */
export class InvalidActivityMetadataError extends AppError {
  constructor(
    readonly type: string,
    readonly version: number,
    issues: Issue[],
  ) {
    super(
      ErrorCode.ActivityInvalidMetadata,
      `metadata does not match ${type} v${version}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
}
