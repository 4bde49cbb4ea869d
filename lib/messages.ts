/**
 * Typed messages between the extension's parts, named by direction, with shape checks: the background
 * answers only messages that pass `parseRequest` and come from the expected sender.
 */
import type { Actor, Agency } from './kb/types';

/** Content script or extension page → background: the full card data of an entity. */
export interface EntityRequest {
  type: 'kb:entity';
  id: string;
}

/** Everything the card shows for one entity, resolved by the background. */
export interface EntityCardData {
  kind: 'actor' | 'agency';
  entity: Actor | Agency;
  /** Names of agencies referred to (sponsor, parent), by id. */
  agencyNames: Record<string, string>;
  /** For an agency: the actors it is said to sponsor. */
  sponsors?: { id: string; name: string }[];
}

/** Every request the background understands. */
export type Request = EntityRequest;

/** The background's answer to each request type. */
export interface ResponseOf {
  'kb:entity': EntityCardData | null;
}

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Validates an untrusted message's shape; returns undefined for anything unexpected. */
export function parseRequest(msg: unknown): Request | undefined {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'kb:entity':
      return typeof m.id === 'string' && ID.test(m.id) ? { type: 'kb:entity', id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** What the background knows about a message's sender (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** Only this extension's own content scripts and pages may talk to the background. */
export function isTrustedSender(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  if (sender.tab) return true; // our content script, in a page
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
