/**
 * The background: the one keeper of the stores (incidents, sightings, the reader's KB, the settings). It
 * wires the browser's events to the services of `platform/background-services.ts`, whose handler table
 * answers every message.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerRequests, createBackgroundServices } from '../platform/background-services';
import { createMenus, followMenusAndCommands } from '../platform/menus';
import { publishBundledPrefilter } from '../platform/names-prefilter';
import { backgroundSettings, openBackgroundSettings } from '../platform/settings-store';

export default defineBackground(() => {
  const { handlers, overlay, tabLimit, team } = createBackgroundServices();
  openBackgroundSettings();
  // Shares queued before a restart go out once the background runs again.
  void team.resume().catch(() => undefined);
  browser.tabs.onRemoved.addListener((tabId) => tabLimit.forget(tabId));
  answerRequests(handlers);
  browser.runtime.onInstalled.addListener(() => {
    // An update may change the stored matcher's format: rebuild it from the stored overlay.
    void overlay.republish().catch(() => undefined);
    void publishBundledPrefilter().catch(() => undefined);
    createMenus();
  });
  followMenusAndCommands(backgroundSettings);
});
