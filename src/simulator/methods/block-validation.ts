// Block Kit limits Slack enforces on views and messages, reported the way Slack reports them:
// "[ERROR] <problem> [json-pointer:<path>]" lines in response_metadata.messages. Covers the
// limits apps most often trip over, not every rule of every element.
import { isRecord } from './params';

const KNOWN_BLOCK_TYPES = new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video', 'table', 'context_actions']);

function error(problem: string, pointer: string): string {
  return `[ERROR] ${problem} [json-pointer:${pointer}]`;
}

function checkLength(value: unknown, max: number, pointer: string, out: string[]): void {
  if (typeof value === 'string' && value.length > max) out.push(error(`must be less than ${max + 1} characters`, pointer));
}

function checkTextObject(value: unknown, pointer: string, maxLength: number, out: string[], plainOnly = false): void {
  if (!isRecord(value)) {
    out.push(error('must provide an object', pointer));
    return;
  }
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) out.push(error(`must be one of: ${allowed.join(', ')}`, `${pointer}/type`));
  if (typeof value.text !== 'string') {
    out.push(error('must provide a string', `${pointer}/text`));
    return;
  }
  if (value.text.length === 0) out.push(error('must be more than 0 characters', `${pointer}/text`));
  checkLength(value.text, maxLength, `${pointer}/text`, out);
}

function checkElements(block: Record<string, unknown>, pointer: string, max: number, out: string[]): unknown[] {
  const elements = block.elements;
  if (!Array.isArray(elements)) {
    out.push(error('must provide an array', `${pointer}/elements`));
    return [];
  }
  if (elements.length === 0) out.push(error('must provide at least 1 items', `${pointer}/elements`));
  if (elements.length > max) out.push(error(`must be less than ${max + 1} items`, `${pointer}/elements`));
  return elements;
}

function checkInteractive(element: unknown, pointer: string, out: string[]): void {
  if (!isRecord(element)) {
    out.push(error('must provide an object', pointer));
    return;
  }
  checkLength(element.action_id, 255, `${pointer}/action_id`, out);
  if (element.type === 'button') {
    checkTextObject(element.text, `${pointer}/text`, 75, out, true);
    checkLength(element.value, 2000, `${pointer}/value`, out);
    checkLength(element.url, 3000, `${pointer}/url`, out);
  }
}

function checkBlock(block: unknown, pointer: string, out: string[]): void {
  if (!isRecord(block)) {
    out.push(error('must provide an object', pointer));
    return;
  }
  if (typeof block.type !== 'string' || !KNOWN_BLOCK_TYPES.has(block.type)) {
    out.push(error('failed to match all allowed schemas', pointer));
    return;
  }
  checkLength(block.block_id, 255, `${pointer}/block_id`, out);
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) out.push(error('must provide either text or fields', pointer));
      if (block.text !== undefined) checkTextObject(block.text, `${pointer}/text`, 3000, out);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) out.push(error('must provide an array', `${pointer}/fields`));
        else {
          if (block.fields.length > 10) out.push(error('must be less than 11 items', `${pointer}/fields`));
          block.fields.forEach((field, i) => checkTextObject(field, `${pointer}/fields/${i}`, 2000, out));
        }
      }
      if (block.accessory !== undefined) checkInteractive(block.accessory, `${pointer}/accessory`, out);
      break;
    }
    case 'header':
      checkTextObject(block.text, `${pointer}/text`, 150, out, true);
      break;
    case 'context':
      checkElements(block, pointer, 10, out);
      break;
    case 'actions':
      checkElements(block, pointer, 25, out).forEach((element, i) => checkInteractive(element, `${pointer}/elements/${i}`, out));
      break;
    case 'markdown':
      checkLength(block.text, 12000, `${pointer}/text`, out);
      break;
    default:
      break;
  }
}

/** Problems with `blocks` at `pointer` (e.g. "/view/blocks"), at most `maxBlocks` allowed; [] when valid. */
export function validateBlocks(blocks: unknown, pointer: string, maxBlocks: number): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return [error('must provide an array', pointer)];
  if (blocks.length > maxBlocks) out.push(error(`must be less than ${maxBlocks + 1} items`, pointer));
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    checkBlock(block, `${pointer}/${i}`, out);
    if (isRecord(block) && typeof block.block_id === 'string') {
      if (seen.has(block.block_id)) out.push(error(`duplicate block_id: ${block.block_id}`, `${pointer}/${i}/block_id`));
      seen.add(block.block_id);
    }
  });
  return out;
}
