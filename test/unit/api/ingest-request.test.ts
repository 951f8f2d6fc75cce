// Reading one ingest item: envelope and registry problems are reported together, each once.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { readIngestItem } from '../../../src/api/ingest-request';
import { ErrorCode } from '../../../src/errors';

const now = new Date('2026-01-01T00:00:00Z');
const valid = {
  type: 'award.given',
  occurred_at: '2025-12-31T10:00:00+02:00',
  initiator: { email: 'giver@example.com', name: 'Giver' },
  recipient: { slack_user_id: 'U0ANA' },
  metadata: { award_id: 'a1', award_name: 'Helper' },
  external_id: 'award-1',
};

const paths = (raw: unknown) => readIngestItem(raw, activityRegistry, now).problems.map((p) => `${p.code} ${p.path}`);

describe('readIngestItem', () => {
  it('turns a valid item into an input', () => {
    const { input, problems } = readIngestItem(valid, activityRegistry, now);
    expect(problems).toEqual([]);
    expect(input).toEqual({
      type: 'award.given',
      occurredAt: new Date('2025-12-31T08:00:00Z'),
      initiator: { email: 'giver@example.com', name: 'Giver' },
      recipient: { slackUserId: 'U0ANA' },
      metadata: { award_id: 'a1', award_name: 'Helper' },
      externalId: 'award-1',
    });
  });

  it('reports envelope and registry problems together', () => {
    expect(paths({ ...valid, occurred_at: 'yesterday', recipient: null, metadata: { award_id: 1 }, surprise: true })).toEqual([
      `${ErrorCode.InvalidRequest} occurred_at`,
      `${ErrorCode.InvalidRequest} surprise`,
      `${ErrorCode.ActivityRecipientRequired} recipient`,
      `${ErrorCode.ActivityInvalidMetadata} metadata.award_id`,
      `${ErrorCode.ActivityInvalidMetadata} metadata.award_name`,
    ]);
  });

  it('words every problem plainly, each at its path', () => {
    const { problems } = readIngestItem(
      { ...valid, occurred_at: '2025-12-31 10:00', initiator: { email: 'nope', nick: 'g' }, metadata: { award_id: 'a1', award_name: 'Helper', stars: 5 }, note: 'hi' },
      activityRegistry,
      now,
    );
    expect(problems.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'occurred_at', message: 'expected an ISO 8601 instant like 2024-05-01T12:00:00Z' },
      { path: 'initiator.email', message: 'expected an email address' },
      { path: 'initiator.nick', message: 'unknown field: not part of a member (slack_user_id, email, external_id, name)' },
      { path: 'note', message: 'unknown field: not part of an activity (type, version, occurred_at, initiator, recipient, metadata, external_id)' },
      { path: 'metadata.stars', message: 'unknown field: not part of award.given v1' },
    ]);
    expect(readIngestItem({ ...valid, version: '1' }, activityRegistry, now).problems).toEqual([
      { code: ErrorCode.InvalidRequest, path: 'version', message: 'expected a number' },
    ]);
    const missing = readIngestItem({ type: 'award.given', recipient: { slack_user_id: 'U0ANA' } }, activityRegistry, now).problems;
    expect(missing.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'occurred_at', message: 'required' },
      { path: 'metadata', message: 'required' },
    ]);
  });

  it('reports an unknown metadata key as metadata, not as a malformed request', () => {
    expect(paths({ ...valid, metadata: { ...valid.metadata, colour: 'gold' } })).toEqual([`${ErrorCode.ActivityInvalidMetadata} metadata.colour`]);
  });

  it('does not report a part twice', () => {
    expect(paths({ ...valid, type: 7 })).toEqual([`${ErrorCode.InvalidRequest} type`]);
    expect(paths({ ...valid, version: 'one' })).toEqual([`${ErrorCode.InvalidRequest} version`]);
    expect(paths({ ...valid, metadata: 'text' })).toEqual([`${ErrorCode.InvalidRequest} metadata`]);
  });

  it('checks member identities', () => {
    expect(paths({ ...valid, initiator: {} })).toEqual([`${ErrorCode.InvalidRequest} initiator`]);
    expect(paths({ ...valid, initiator: { slack_user_id: 'U1', email: 'a@b.co' } })).toEqual([`${ErrorCode.InvalidRequest} initiator.slack_user_id`]);
    expect(paths({ ...valid, initiator: { email: 'not-an-email' } })).toEqual([`${ErrorCode.InvalidRequest} initiator.email`]);
    expect(paths({ ...valid, recipient: { slack_user_id: 'ana' } })).toEqual([`${ErrorCode.InvalidRequest} recipient.slack_user_id`]);
  });

  it('reads a missing initiator as none (a failed sign-in to an unknown account has none)', () => {
    const { input } = readIngestItem(
      { type: 'site.auth.login_failure', occurred_at: '2025-12-31T00:00:00Z', metadata: { method: 'password', failure_reason: 'unknown_user' } },
      activityRegistry,
      now,
    );
    expect(input).toMatchObject({ initiator: null, recipient: null });
  });

  it('names the item by its external id even when it is refused', () => {
    expect(readIngestItem({ ...valid, type: 'nope.nope' }, activityRegistry, now).externalId).toBe('award-1');
    expect(readIngestItem(null, activityRegistry, now)).toMatchObject({ externalId: null, problems: [{ code: ErrorCode.InvalidRequest, path: '' }] });
  });

  it('refuses Slack-only types', () => {
    expect(paths({ ...valid, type: 'workspace.user_joined', recipient: undefined })).toEqual([`${ErrorCode.ActivityNotIngestible} type`]);
  });
});
