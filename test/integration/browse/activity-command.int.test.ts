// /activity end to end: signed slash commands and block_actions sent to the running app, answers
// read from the simulator's response_url, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, buttonAction, eventCallback, messageChanged, messageEvent, slashCommand, threadReply } from '../../../src/simulator/factories';
import { validateBlocks } from '../../../src/simulator/methods/block-validation';
import type { ResponseUrlPost } from '../../../src/simulator/web-api-server';
import type { Block, MessagePayload } from '../../../src/ui/blocks/kit';
import { mrkdwnToPlain } from '../../../src/ui/sentences';
import { messageProblems } from '../../../src/ui/validate-blocks';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { MESSAGE_COUNT, seedHistory } from './seed';

interface Answer {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: Block[];
}

/** The rows of an answer (sections with a time line), as plain sentences. */
function rows(answer: Answer): string[] {
  return answer.blocks
    .filter((b) => b.type === 'section' && /\n<!date\^/.test(b.text?.text ?? ''))
    .map((b) => mrkdwnToPlain((b.type === 'section' && b.text?.text.split('\n')[0]) || ''));
}

function button(answer: Answer, actionId: string): { action_id: string; value?: string } | undefined {
  for (const block of answer.blocks) {
    if (block.type !== 'actions') continue;
    const found = block.elements.find((e) => e.action_id === actionId);
    if (found && found.type === 'button') return found;
  }
  return undefined;
}

function expectValid(answer: Answer): void {
  expect(messageProblems(answer as MessagePayload)).toEqual([]);
  expect(validateBlocks(answer.blocks, '/blocks', 50)).toEqual([]);
}

describe.each(DATABASE_KINDS)('/activity on %s', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
    await seedHistory(h.app.store);
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Runs /activity as `user` and returns what the app posted to the response_url. */
  async function run(text: string, user = 'U0ANA'): Promise<{ answer: Answer; ackMs: number; status: number; ackText: string }> {
    const responseUrl = h.sim.newResponseUrl();
    const started = Date.now();
    const delivery = await h.slash(slashCommand({ team_id: TEAM_ID, team_domain: 'testcommunity', user_id: user, text, response_url: responseUrl }));
    const ackMs = Date.now() - started;
    const post: ResponseUrlPost = await h.sim.waitForResponse(responseUrl, undefined, 10_000);
    return { answer: post.body as Answer, ackMs, status: delivery.status, ackText: delivery.text };
  }

  /** Clicks a paging button of an answer, as `user`, and returns the replacement. */
  async function click(answer: Answer, actionId: string, user = 'U0ANA'): Promise<Answer> {
    const found = button(answer, actionId);
    if (!found) throw new Error(`no ${actionId} button`);
    const responseUrl = h.sim.newResponseUrl();
    const delivery = await h.interaction(
      blockActions({
        team: { id: TEAM_ID, domain: 'testcommunity' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
        actions: [buttonAction({ action_id: actionId, value: found.value ?? '' })],
        response_url: responseUrl,
      }),
    );
    expect(delivery.status).toBe(200);
    return (await h.sim.waitForResponse(responseUrl, undefined, 10_000)).body as Answer;
  }

  it('acknowledges at once and answers with the newest activity, as sentences, ephemeral', async () => {
    const { answer, status, ackText } = await run('');
    expect(status).toBe(200);
    expect(ackText).toBe('');
    expect(answer.response_type).toBe('ephemeral');
    expectValid(answer);
    const sentences = rows(answer);
    expect(sentences).toHaveLength(10);
    expect(sentences.slice(0, 5)).toEqual([
      "Bo reacted :tada: to Ana's message in #launch",
      "Bo reacted :eyes: to Ana's message in #launch",
      "Bo reacted :rocket: to Ana's message in #launch",
      'Ana posted in #secret-plans: “the secret plan”',
      "Bo replied to Ana's thread in #general: “sounds good, the needle is here”",
    ]);
    expect(sentences).toContain('Cy Okafor joined the workspace');
    // Never another workspace's activity.
    expect(JSON.stringify(answer)).not.toContain('from elsewhere');
    // Times render in the reader's zone; messages link to Slack.
    const text = JSON.stringify(answer.blocks);
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
    expect(text).toContain('https://testcommunity.slack.com/archives/C0LAUNCH/p1790000000000100|View message');
    expect(text).toContain('https://testcommunity.slack.com/archives/C0GENERAL/p1790000500000100?thread_ts=1790000101.000100&cid=C0GENERAL');
    expect(button(answer, 'activity_page_next')).toBeDefined();
    expect(button(answer, 'activity_page_prev')).toBeUndefined();
  });

  it('pages with Next and Previous, replacing the same message, no row twice', async () => {
    const first = (await run('type:messages')).answer;
    const page1 = rows(first);
    const second = await click(first, 'activity_page_next');
    expect(second.replace_original).toBe(true);
    expectValid(second);
    const page2 = rows(second);
    const third = await click(second, 'activity_page_next');
    const page3 = rows(third);
    // 26 visible messages (25 in #general + 1 in a private channel Ana is in): 10 + 10 + 6.
    expect([page1.length, page2.length, page3.length]).toEqual([10, 10, MESSAGE_COUNT + 1 - 20]);
    expect(new Set([...page1, ...page2, ...page3]).size).toBe(MESSAGE_COUNT + 1);
    expect(button(third, 'activity_page_next')).toBeUndefined();
    expect(JSON.stringify(third.blocks)).toContain('Page 3');
    const back = await click(third, 'activity_page_prev');
    expect(rows(back)).toEqual(page2);
    const backToStart = await click(back, 'activity_page_prev');
    expect(rows(backToStart)).toEqual(page1);
    expect(button(backToStart, 'activity_page_prev')).toBeUndefined();
  });

  it('combines member, type, channel, text and time filters', async () => {
    expect(rows((await run('<@U0BO|bo> type:reactions')).answer)).toHaveLength(3);
    expect(rows((await run('type:replies <@U0BO>')).answer)).toEqual(["Bo replied to Ana's thread in #general: “sounds good, the needle is here”"]);
    expect(rows((await run('"NEEDLE"')).answer)).toHaveLength(1);
    const launch = rows((await run('<#C0LAUNCH|launch> since:1d')).answer);
    expect(launch).toHaveLength(3);
    expect(launch.every((r) => r.includes('#launch'))).toBe(true);
    // Typed without autocomplete: looked up by name.
    expect(rows((await run('#launch @Bo')).answer)).toHaveLength(3);
    // `me` is the person asking; the member filter covers what was done to them too.
    expect(rows((await run('me type:reactions', 'U0ANA')).answer)).toHaveLength(3);
    const none = (await run('since:2020-01-01 until:2020-01-02')).answer;
    expect(rows(none)).toEqual([]);
    expect(JSON.stringify(none.blocks)).toContain('Nothing matches');
  });

  it('never shows a private channel to someone not in it', async () => {
    const asAna = JSON.stringify((await run('', 'U0ANA')).answer);
    const asBo = JSON.stringify((await run('', 'U0BO')).answer);
    expect(asAna).toContain('the secret plan');
    expect(asBo).not.toContain('the secret plan');
    expect(JSON.stringify((await run('<#C0SECRET>', 'U0BO')).answer)).not.toContain('the secret plan');
    const stats = JSON.stringify((await run('stats <#C0SECRET>', 'U0BO')).answer);
    expect(stats).toContain('No activity in this range');
  });

  it('answers stats with counts by type and the most active members and channels', async () => {
    const { answer } = await run('stats');
    expectValid(answer);
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain('Activity stats');
    expect(text).toContain('last 7 days');
    expect(text).toContain('*31 activities*'); // 26 messages + 3 reactions + 1 reply + 1 join
    expect(text).toContain('*Messages*\\n26');
    expect(text).toContain('*Reactions added*\\n3');
    expect(text).toMatch(/1\. \*Ana\*: 26/);
    expect(text).toMatch(/2\. \*Bo\*: 4/);
    expect(text).toContain('<#C0GENERAL|general>: 26');
    expect(text).toMatch(/`[▁▂▃▄▅▆▇█]{7,8}`/);
  });

  it('explains help, and what it could not understand in a bad query', async () => {
    const help = (await run('help')).answer;
    expectValid(help);
    expect(help.text).toContain('How to use /activity');
    const bad = (await run('type:bananas sounds good')).answer;
    expectValid(bad);
    const text = bad.blocks.map((b) => (b.type === 'section' ? b.text?.text : '')).join('\n');
    expect(text).toContain('"bananas" is not an activity type');
    expect(text).toContain('free text goes in quotes');
    expect(text).toContain('*Examples*');
    const unknownChannel = JSON.stringify((await run('#nowhere')).answer.blocks);
    expect(unknownChannel).toContain("I don't know a channel called #nowhere");
  });

  it('acks within Slack\'s 3 seconds even when the work behind it is slow', async () => {
    h.sim.delay('users.conversations', 3_500);
    try {
      const { ackMs, answer } = await run('', 'U0CY');
      expect(ackMs).toBeLessThan(1_500);
      expect(rows(answer).length).toBeGreaterThan(0);
    } finally {
      h.sim.resetFaults();
    }
  });

  it('answers a paging button it did not write with a clear note, not silence', async () => {
    const fake: Answer = { text: '', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'activity_page_next', text: { type: 'plain_text', text: 'Next' }, value: 'forged' }] }] };
    const answer = await click(fake, 'activity_page_next');
    expect(answer.replace_original).toBe(true);
    expect(answer.text).toContain('expired');
  });

  // Last: it records more activity (real signed events), which the counts above do not expect.
  it('shows an edited message and reply with their current text, marked (edited); the edits keep theirs', async () => {
    const deliver = async (event: { type: string }) => {
      const res = await h.event(eventCallback(event, { team_id: TEAM_ID }));
      expect(res.status, res.text).toBe(200);
    };
    const post = messageEvent({ user: 'U0CY', channel: 'C0LAUNCH', team: TEAM_ID, text: 'launch is on Fryday' });
    const reply = threadReply(post, { user: 'U0BO', team: TEAM_ID, text: 'see you tehre' });
    const replyEdit = messageChanged(reply, { text: 'see you there' });
    // The reply's edit arrives before the reply itself: the page shows its text all the same.
    await deliver(replyEdit);
    await deliver(post);
    await deliver(reply);
    const firstEdit = messageChanged(post, { text: 'launch is on Friday' });
    await deliver(firstEdit);
    // A second later (Slack's edited.ts, part of an edit's identity, is whole seconds).
    const later = `${Number(firstEdit.ts.split('.')[0]) + 2}.${firstEdit.ts.split('.')[1]}`;
    await deliver(messageChanged({ ...post, text: 'launch is on Friday' }, { text: 'launch is on Friday at 10' }, { ts: later, event_ts: later }));

    const messages = (await run('#launch type:messages')).answer;
    expectValid(messages);
    expect(rows(messages)[0]).toBe('Cy Okafor posted in #launch: “launch is on Friday at 10” (edited)');
    expect(JSON.stringify(messages)).not.toContain('Fryday');
    expect(rows((await run('#launch type:replies')).answer)).toEqual(["Bo replied to Cy Okafor's thread in #launch: “see you there” (edited)"]);
    expect(rows((await run('#launch type:edits')).answer)).toEqual([
      'Cy Okafor edited a message in #launch: “launch is on Friday at 10”',
      'Cy Okafor edited a message in #launch: “launch is on Friday”',
      'Bo edited a reply in #launch: “see you there”',
    ]);
    // The activity keeps the text as it was posted (point in time); only the page shows the edit.
    const stored = await h.app.store.activityReads.findBySourceKey(TEAM_ID, `msg:C0LAUNCH:${post.ts}`);
    expect(stored?.metadata.excerpt).toBe('launch is on Fryday');
  });
});
