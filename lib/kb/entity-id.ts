/**
 * The one pattern every knowledge-base id fits (actor and agency ids, in messages, incidents and the
 * published schema): lower-case ASCII letters, digits and hyphens, at most 81 characters. The KB compiler
 * shortens longer generated ids so none is left out.
 */
export const ENTITY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Longest id the pattern allows. */
export const MAX_ENTITY_ID_LENGTH = 81;

/** Whether a string is a well-formed KB id (says nothing about whether the KB holds it). */
export function isEntityId(id: unknown): id is string {
  return typeof id === 'string' && ENTITY_ID_PATTERN.test(id);
}
