/**
 * How a message table is written: one entry per message, its type, its fields' valibot schemas and its
 * answer's type, from which the request types, the answer map and the shape check all come. The helpers
 * are marked free of side effects so a bundle that only sends (the content script, the popup) leaves the
 * tables out.
 */
import * as v from 'valibot';

declare const ANSWER: unique symbol;

/** A message's answer type (a type only: the value is empty). */
export interface Answer<T> {
  readonly [ANSWER]?: T;
}

/** Declares the answer type `T` of a message. */
/* @__NO_SIDE_EFFECTS__ */
export function answer<T>(): Answer<T> {
  return {};
}

/** The answer type an `Answer` declares. */
export type AnswerOf<X> = X extends Answer<infer A> ? A : never;

/** One message of a table: the schema of `{ type, ...fields }` and what it answers. */
/* @__NO_SIDE_EFFECTS__ */
export function entry<const T extends string, E extends v.ObjectEntries, A>(
  type: T,
  fields: E,
  answers: Answer<A>,
) {
  return { type, schema: v.object({ ...fields, type: v.literal(type) }), answers };
}

/** Who sent a message: one of our extension pages, our content script in a web page, or anyone else. */
export type SenderKind = 'extension-page' | 'content-script' | 'untrusted';

/**
 * One message to the background: its table entry and which senders may send it. A feature with several
 * messages may keep them in a table of its own, spread into `RUNTIME_MESSAGES`.
 */
/* @__NO_SIDE_EFFECTS__ */
export function message<const T extends string, E extends v.ObjectEntries, A>(
  type: T,
  fields: E,
  answers: Answer<A>,
  from: readonly SenderKind[],
) {
  return { ...entry(type, fields, answers), from };
}

type Entry = ReturnType<typeof entry<string, v.ObjectEntries, unknown>>;

/** The one schema of every message of a table, told apart by `type`. */
/* @__NO_SIDE_EFFECTS__ */
export function variantOf<const M extends readonly Entry[]>(messages: M) {
  return v.variant(
    'type',
    messages.map((m): M[number]['schema'] => m.schema),
  );
}

/**
 * Joins message tables (the runtime table and a feature's own) into one. A call, not a spread, so it can be
 * marked free of side effects: a bundle that never reads the joined table leaves every part of it out.
 */
/* @__NO_SIDE_EFFECTS__ */
export function joinTables<const A extends readonly unknown[], const B extends readonly unknown[]>(
  a: A,
  b: B,
): readonly [...A, ...B] {
  return [...a, ...b];
}
