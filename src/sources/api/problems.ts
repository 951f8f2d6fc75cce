// Why an ingested activity is refused: every problem, each with a code, a path into the
// request and a message, so a sender can fix all of them in one go.
import { AppError, ErrorCode, type Issue } from '../../errors';

export interface Problem extends Issue {
  code: ErrorCode;
}

/** One refused item of a batch: its position, its external id, and what is wrong with it. */
export interface ItemFailure {
  index: number;
  externalId: string | null;
  code: ErrorCode;
  issues: Issue[];
}

// The code a rejection carries when it has several kinds of problem: the most basic one
// first (a malformed request before a bad type before bad metadata).
const PRECEDENCE: ErrorCode[] = [
  ErrorCode.InvalidRequest,
  ErrorCode.ActivityUnknownType,
  ErrorCode.ActivityNotIngestible,
  ErrorCode.ActivityUnknownVersion,
  ErrorCode.ActivityInvalidMetadata,
  ErrorCode.ActivityRecipientNotAllowed,
  ErrorCode.ActivityRecipientRequired,
  ErrorCode.Conflict,
];

/** The code that stands for a set of problems (see PRECEDENCE). */
export function leadingCode(codes: readonly ErrorCode[]): ErrorCode {
  for (const code of PRECEDENCE) if (codes.includes(code)) return code;
  return codes[0] ?? ErrorCode.InvalidRequest;
}

function describe(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
}

/** The error for a refused single activity: nothing was stored. */
export function activityRejected(problems: readonly Problem[]): AppError {
  const issues = problems.map(({ path, message }) => ({ path, message }));
  return new AppError(leadingCode(problems.map((p) => p.code)), `activity rejected, nothing stored: ${describe(issues)}`, { issues });
}

/** A batch with at least one refused item: nothing of it was stored. */
export class BatchRejectedError extends AppError {
  readonly items: ItemFailure[];

  constructor(items: ItemFailure[], total: number) {
    const issues = items.flatMap((item) => item.issues.map((i) => ({ path: `activities.${item.index}${i.path ? `.${i.path}` : ''}`, message: i.message })));
    super(
      leadingCode(items.map((i) => i.code)),
      `${items.length} of ${total} activities rejected, nothing stored: ${describe(issues.slice(0, 5))}${issues.length > 5 ? `; … ${issues.length - 5} more` : ''}`,
      { issues },
    );
    this.items = items;
  }
}

/** An item failure from its problems. */
export function itemFailure(index: number, externalId: string | null, problems: readonly Problem[]): ItemFailure {
  return { index, externalId, code: leadingCode(problems.map((p) => p.code)), issues: problems.map(({ path, message }) => ({ path, message })) };
}
