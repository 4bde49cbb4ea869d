/**
 * The extension's whole message protocol: every runtime and page message type, its shape check and the
 * sender checks, imported by the background, the content script, the popup and the dashboard from here.
 */
export { ENTITY_ID_PATTERN, isEntityId } from '../kb/entity-id';
export * from './authorize';
export * from './handlers';
export * from './page';
export * from './runtime';
export * from './sender';
