// Payload factories for tests, the demo and the benchmark: one import for all of them.
export * from './app-events';
export * from './block-actions';
export * from './conversations';
export * from './defaults';
export * from './envelope';
export * from './ids';
export * from './message-edits';
export * from './message-subtypes';
export * from './messages';
export * from './reactions';
export * from './rich-text';
export * from './slash-command';
export * from './ts';
export type * from './types';
export * from './users';
