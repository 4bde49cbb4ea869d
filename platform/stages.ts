/**
 * How the first stage (entrypoints/content/, in every frame) loads the second (entrypoints/page-stage.ts:
 * the matcher and the session) into its frame: a dynamic import of the built script from the extension,
 * evaluated in the content script's own isolated world, where it leaves its entry on the world's global
 * (page scripts cannot reach it). The file is web-accessible for this (SECURITY.md says what a page can learn).
 */
import { browser } from 'wxt/browser';
import type { PageApp, PageHandoff } from './page-app';

/** Where the second stage leaves its entry, on the isolated world's global. */
export const SECOND_STAGE = '__aptLensSecondStage';

/** The second stage's file in the built extension (web-accessible: see wxt.config.ts). */
export const SECOND_STAGE_FILE = '/page-stage.js';

/** The second stage's entry: starts the page's session in this frame. */
export type RunPage = (handoff: PageHandoff) => PageApp;

/** Loads the second stage once per world; resolves with its entry. */
export async function loadSecondStage(): Promise<RunPage> {
  const own = globalThis as { [SECOND_STAGE]?: RunPage };
  if (!own[SECOND_STAGE]) await import(/* @vite-ignore */ browser.runtime.getURL(SECOND_STAGE_FILE));
  const run = own[SECOND_STAGE];
  if (!run) throw new Error('apt-lens: the page stage did not load');
  return run;
}
