// views.publish: the App Home tab, validated as Slack validates it.
import { blockId, viewId } from '../factories/ids';
import type { Block, PlainText, SlackView } from '../factories/types';
import { validateBlocks } from './block-validation';
import { isRecord, jsonParam, stringParam } from './params';
import { teamsOf } from '../state';
import { fail, type ApiBody, type MethodSpec } from './types';

const MAX_HOME_BLOCKS = 100;
const MAX_VIEW_BYTES = 250_000;

function invalidArguments(messages: string[]): ApiBody {
  return fail('invalid_arguments', { response_metadata: { messages } });
}

function plainTextOrNull(value: unknown): PlainText | null {
  return isRecord(value) && value.type === 'plain_text' && typeof value.text === 'string' ? { type: 'plain_text', text: value.text, emoji: value.emoji !== false } : null;
}

function viewProblems(view: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (view.type !== 'home') problems.push('[ERROR] must be one of: home [json-pointer:/view/type]');
  if (view.blocks === undefined) problems.push('[ERROR] missing required field: blocks [json-pointer:/view]');
  else problems.push(...validateBlocks(view.blocks, '/view/blocks', MAX_HOME_BLOCKS));
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    problems.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) {
    problems.push('[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]');
  }
  return problems;
}

export const viewsPublish: MethodSpec = {
  tokens: 'bot',
  scopes: [],
  handle({ state, params, token }) {
    const userId = stringParam(params, 'user_id');
    if (!userId) return invalidArguments(['[ERROR] missing required field: user_id']);
    const raw = jsonParam(params, 'view');
    if (raw.kind === 'absent') return invalidArguments(['[ERROR] missing required field: view']);
    if (raw.kind === 'invalid' || !isRecord(raw.value)) {
      return invalidArguments(['[ERROR] failed to match all allowed schemas [json-pointer:/view]', '[ERROR] must provide an object [json-pointer:/view]']);
    }
    const input = raw.value;
    if (JSON.stringify(input).length > MAX_VIEW_BYTES) return fail('view_too_large');
    const problems = viewProblems(input);
    if (problems.length > 0) return invalidArguments(problems);
    const user = state.user(userId);
    if (!user) return fail('user_not_found');
    // An org-wide install publishes in the member's own workspace.
    const teamId = token.isEnterpriseInstall ? user.team_id : token.teamId;
    if (!teamsOf(token).has(teamId)) return fail('user_not_found');

    const key = `${teamId}:${userId}`;
    const current = state.views.get(key);
    const hash = stringParam(params, 'hash');
    if (hash !== undefined && current !== undefined && hash !== current.hash) return fail('hash_conflict');

    const id = current?.id ?? viewId();
    const view: SlackView = {
      id,
      team_id: teamId,
      type: 'home',
      blocks: withBlockIds(input.blocks),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${blockId()}${blockId()}`,
      title: plainTextOrNull(input.title) ?? { type: 'plain_text', text: 'View Title', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: id,
      app_id: token.appId,
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      app_installed_team_id: token.isEnterpriseInstall ? (token.enterpriseId ?? '') : token.teamId,
      bot_id: token.botId,
    };
    state.views.set(key, view);
    return { ok: true, view };
  },
};

// Slack fills in a block_id for every block that has none.
function withBlockIds(blocks: unknown): Block[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isRecord).map((block): Block => ({ ...block, type: String(block.type), block_id: typeof block.block_id === 'string' ? block.block_id : blockId() }));
}
