// Checks a message or Home view against the Block Kit limits this app can run into. The builders
// respect them by construction; this is the independent check the tests (and a runtime guard
// in the listeners) hold them to. Returns human-readable problems, [] when valid.
import type { Block, HomeView, InteractiveElement, MessagePayload, TextObject } from './blocks/kit';
import { LIMITS } from './limits';

export type Surface = 'message' | 'home';

function textProblems(value: TextObject | undefined, max: number, where: string, out: string[], plainOnly = false): void {
  if (!value) {
    out.push(`${where}: missing text`);
    return;
  }
  if (plainOnly && value.type !== 'plain_text') out.push(`${where}: must be plain_text`);
  if (typeof value.text !== 'string' || value.text.length === 0) out.push(`${where}: empty text`);
  else if (value.text.length > max) out.push(`${where}: ${value.text.length} characters, over ${max}`);
}

function elementProblems(element: InteractiveElement, where: string, actionIds: Set<string>, out: string[]): void {
  if (!element.action_id) out.push(`${where}: missing action_id`);
  else {
    if (element.action_id.length > LIMITS.actionId) out.push(`${where}: action_id over ${LIMITS.actionId} characters`);
    if (actionIds.has(element.action_id)) out.push(`${where}: duplicate action_id ${element.action_id}`);
    actionIds.add(element.action_id);
  }
  switch (element.type) {
    case 'button':
      textProblems(element.text, LIMITS.buttonText, `${where}.text`, out, true);
      if (element.value !== undefined && element.value.length > LIMITS.buttonValue) out.push(`${where}.value: over ${LIMITS.buttonValue} characters`);
      break;
    case 'static_select': {
      textProblems(element.placeholder, LIMITS.placeholderText, `${where}.placeholder`, out, true);
      if (element.options.length === 0) out.push(`${where}: no options`);
      if (element.options.length > LIMITS.selectOptions) out.push(`${where}: ${element.options.length} options, over ${LIMITS.selectOptions}`);
      const values = new Set<string>();
      element.options.forEach((o, i) => {
        textProblems(o.text, LIMITS.optionText, `${where}.options[${i}].text`, out, true);
        if (o.value.length === 0 || o.value.length > LIMITS.optionValue) out.push(`${where}.options[${i}].value: length ${o.value.length}`);
        if (values.has(o.value)) out.push(`${where}.options[${i}]: duplicate value ${o.value}`);
        values.add(o.value);
      });
      if (element.initial_option && !element.options.some((o) => o.value === element.initial_option!.value && o.text.text === element.initial_option!.text.text)) {
        out.push(`${where}.initial_option: not one of the options`);
      }
      break;
    }
    case 'datepicker':
      textProblems(element.placeholder, LIMITS.placeholderText, `${where}.placeholder`, out, true);
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(element.initial_date)) out.push(`${where}.initial_date: not YYYY-MM-DD`);
      break;
    default:
      textProblems(element.placeholder, LIMITS.placeholderText, `${where}.placeholder`, out, true);
  }
}

/** Problems with a list of blocks on a surface (a message allows 50 blocks, a Home view 100). */
export function blockProblems(blocks: Block[], surface: Surface): string[] {
  const out: string[] = [];
  const max = surface === 'home' ? LIMITS.homeBlocks : LIMITS.messageBlocks;
  if (blocks.length > max) out.push(`${blocks.length} blocks, over ${max} for a ${surface}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined) {
      if (block.block_id.length === 0 || block.block_id.length > LIMITS.blockId) out.push(`${where}: block_id length ${block.block_id.length}`);
      if (blockIds.has(block.block_id)) out.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        textProblems(block.text, LIMITS.headerText, `${where}.text`, out, true);
        break;
      case 'section':
        if (!block.text && !block.fields) out.push(`${where}: needs text or fields`);
        if (block.text) textProblems(block.text, LIMITS.sectionText, `${where}.text`, out);
        if (block.fields) {
          if (block.fields.length === 0 || block.fields.length > LIMITS.sectionFields) out.push(`${where}: ${block.fields.length} fields`);
          block.fields.forEach((f, j) => textProblems(f, LIMITS.fieldText, `${where}.fields[${j}]`, out));
        }
        if (block.accessory) elementProblems(block.accessory, `${where}.accessory`, actionIds, out);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > LIMITS.contextElements) out.push(`${where}: ${block.elements.length} elements`);
        block.elements.forEach((e, j) => textProblems(e, LIMITS.sectionText, `${where}.elements[${j}]`, out));
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > LIMITS.actionsElements) out.push(`${where}: ${block.elements.length} elements`);
        block.elements.forEach((e, j) => elementProblems(e, `${where}.elements[${j}]`, actionIds, out));
        break;
      case 'divider':
        break;
    }
  });
  return out;
}

export function messageProblems(message: MessagePayload): string[] {
  const out = blockProblems(message.blocks, 'message');
  if (!message.text) out.push('text: empty (Slack uses it for notifications)');
  else if (message.text.length > LIMITS.messageText) out.push(`text: over ${LIMITS.messageText} characters`);
  return out;
}

export function homeViewProblems(view: HomeView): string[] {
  const out = blockProblems(view.blocks, 'home');
  if (view.type !== 'home') out.push('type: must be home');
  if ((view.private_metadata ?? '').length > LIMITS.privateMetadata) out.push(`private_metadata: over ${LIMITS.privateMetadata} characters`);
  if ((view.callback_id ?? '').length > 255) out.push('callback_id: over 255 characters');
  return out;
}
