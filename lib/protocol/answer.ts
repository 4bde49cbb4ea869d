/** How a message table declares each message's answer type beside its schema. */

declare const ANSWER: unique symbol;

/** A message's answer type (a type only: the value is empty). */
export interface Answer<T> {
  readonly [ANSWER]?: T;
}

/** Declares the answer type `T` of a message. */
export function answer<T>(): Answer<T> {
  return {};
}

/** The answer type an `Answer` declares. */
export type AnswerOf<X> = X extends Answer<infer A> ? A : never;
