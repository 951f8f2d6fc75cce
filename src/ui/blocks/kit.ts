// The few Block Kit shapes this app builds, as types and small constructors. Every constructor
// cuts its text to Slack's limit for that field, so a builder cannot produce an oversized block.
import { LIMITS, truncate, truncateMrkdwn } from '../limits';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}
export type TextObject = PlainText | MrkdwnText;

export interface OptionObject {
  text: PlainText;
  value: string;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  style?: 'primary' | 'danger';
  accessibility_label?: string;
}
export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  placeholder: PlainText;
  options: OptionObject[];
  initial_option?: OptionObject;
}
export interface UsersSelectElement {
  type: 'users_select';
  action_id: string;
  placeholder: PlainText;
  initial_user?: string;
}
export interface ConversationsSelectElement {
  type: 'conversations_select';
  action_id: string;
  placeholder: PlainText;
  initial_conversation?: string;
  filter?: { include?: ('public' | 'private' | 'im' | 'mpim')[]; exclude_bot_users?: boolean; exclude_external_shared_channels?: boolean };
}
export interface DatepickerElement {
  type: 'datepicker';
  action_id: string;
  placeholder: PlainText;
  initial_date?: string;
}
export type InteractiveElement = ButtonElement | StaticSelectElement | UsersSelectElement | ConversationsSelectElement | DatepickerElement;

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ButtonElement;
}
export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}
export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}
export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}
export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: InteractiveElement[];
}
export type Block = SectionBlock | HeaderBlock | ContextBlock | DividerBlock | ActionsBlock;

export interface HomeView {
  type: 'home';
  callback_id?: string;
  private_metadata?: string;
  blocks: Block[];
}

/** A message body for respond() / response_url. */
export interface MessagePayload {
  text: string;
  blocks: Block[];
}

/** A plain_text object; Slack rejects empty text, so empty becomes a single space-like dash. */
export function plain(text: string, max: number = LIMITS.sectionText): PlainText {
  return { type: 'plain_text', text: truncate(text || '–', max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnText {
  return { type: 'mrkdwn', text: truncateMrkdwn(text || ' ', max) };
}

export function header(text: string, blockId?: string): HeaderBlock {
  return { type: 'header', ...(blockId ? { block_id: blockId } : {}), text: plain(text, LIMITS.headerText) };
}

export function section(text: string, options: { blockId?: string; accessory?: ButtonElement } = {}): SectionBlock {
  return {
    type: 'section',
    ...(options.blockId ? { block_id: options.blockId } : {}),
    text: mrkdwn(text, LIMITS.sectionText),
    ...(options.accessory ? { accessory: options.accessory } : {}),
  };
}

/** A section of side-by-side fields (at most 10 are kept). */
export function fields(items: string[], blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    fields: items.slice(0, LIMITS.sectionFields).map((item) => mrkdwn(item, LIMITS.fieldText)),
  };
}

export function context(items: string[], blockId?: string): ContextBlock {
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: items.slice(0, LIMITS.contextElements).map((item) => mrkdwn(item, LIMITS.sectionText)),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(elements: InteractiveElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, LIMITS.actionsElements) };
}

/** A button; a value over Slack's 2000 characters is a bug in the caller, so it throws. */
export function button(actionId: string, text: string, options: { value?: string; style?: 'primary' | 'danger' } = {}): ButtonElement {
  if (options.value !== undefined && options.value.length > LIMITS.buttonValue) {
    throw new Error(`button ${actionId}: value is ${options.value.length} characters, over Slack's ${LIMITS.buttonValue}`);
  }
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
  };
}

export function option(text: string, value: string): OptionObject {
  if (value.length > LIMITS.optionValue) throw new Error(`option value is ${value.length} characters, over Slack's ${LIMITS.optionValue}`);
  return { text: plain(text, LIMITS.optionText), value };
}

export function placeholder(text: string): PlainText {
  return plain(text, LIMITS.placeholderText);
}
