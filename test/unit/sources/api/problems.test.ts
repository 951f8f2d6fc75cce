import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../src/errors';
import { activityRejected, BatchRejectedError, itemFailure, leadingCode } from '../../../../src/sources/api/problems';

describe('ingest problems', () => {
  it('leads with the most basic code', () => {
    expect(leadingCode([ErrorCode.ActivityInvalidMetadata, ErrorCode.InvalidRequest])).toBe(ErrorCode.InvalidRequest);
    expect(leadingCode([ErrorCode.ActivityRecipientRequired, ErrorCode.ActivityInvalidMetadata])).toBe(ErrorCode.ActivityInvalidMetadata);
    expect(leadingCode([ErrorCode.ActivityInvalidMetadata, ErrorCode.ActivityUnknownType])).toBe(ErrorCode.ActivityUnknownType);
    expect(leadingCode([])).toBe(ErrorCode.InvalidRequest);
  });

  it('a single rejection keeps every issue, without codes', () => {
    const error = activityRejected([
      { code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.title', message: 'required' },
      { code: ErrorCode.ActivityRecipientNotAllowed, path: 'recipient', message: 'none' },
    ]);
    expect(error.code).toBe(ErrorCode.ActivityInvalidMetadata);
    expect(error.issues).toEqual([
      { path: 'metadata.title', message: 'required' },
      { path: 'recipient', message: 'none' },
    ]);
    expect(error.message).toContain('nothing stored');
  });

  it('a batch rejection names each refused item and prefixes its paths with its index', () => {
    const error = new BatchRejectedError(
      [
        itemFailure(2, 'e-2', [{ code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.title', message: 'required' }]),
        itemFailure(7, null, [{ code: ErrorCode.ActivityUnknownType, path: 'type', message: 'unknown' }]),
      ],
      10,
    );
    expect(error.code).toBe(ErrorCode.ActivityUnknownType);
    expect(error.message).toMatch(/^2 of 10 activities rejected, nothing stored/);
    expect(error.issues).toEqual([
      { path: 'activities.2.metadata.title', message: 'required' },
      { path: 'activities.7.type', message: 'unknown' },
    ]);
    expect(error.items).toEqual([
      { index: 2, externalId: 'e-2', code: ErrorCode.ActivityInvalidMetadata, issues: [{ path: 'metadata.title', message: 'required' }] },
      { index: 7, externalId: null, code: ErrorCode.ActivityUnknownType, issues: [{ path: 'type', message: 'unknown' }] },
    ]);
  });
});
