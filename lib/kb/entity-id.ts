/**
 * The one pattern every knowledge-base id fits (actor and agency ids, in messages, incidents and the
 * published schema): lower-case ASCII letters, digits and hyphens, at most 81 characters. The KB compiler
 * shortens longer generated ids so none is left out.
 */
export const ENTITY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Longest id the pattern allows. */
export const MAX_ENTITY_ID_LENGTH = 81;

/** What every id of the reader's own entities starts with (the overlay); no bundled id does (a test checks). */
export const OVERLAY_ID_PREFIX = 'ours-';

/**
 * An id of the reader's own entity (lib/overlay): `ours-` and a slug. It is a subset of ENTITY_ID_PATTERN,
 * so overlay ids pass every schema that takes a KB id (incidents, messages, the export).
 */
export const OVERLAY_ID_PATTERN = /^ours-[a-z0-9][a-z0-9-]{0,75}$/;

/** Whether a string is a well-formed KB id (says nothing about whether the KB holds it). */
export function isEntityId(id: unknown): id is string {
  return typeof id === 'string' && ENTITY_ID_PATTERN.test(id);
}

/** Whether an id names one of the reader's own entities rather than a bundled one. */
export function isOverlayId(id: unknown): id is string {
  return typeof id === 'string' && OVERLAY_ID_PATTERN.test(id);
}
