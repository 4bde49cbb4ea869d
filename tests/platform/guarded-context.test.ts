// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuardedContext } from '../../platform/guarded-context';

const started = () => `${browser.runtime.id}:content:wxt:content-script-started`;

describe('GuardedContext', () => {
  const made: GuardedContext[] = [];
  const make = () => {
    const ctx = new GuardedContext('content');
    made.push(ctx);
    return ctx;
  };
  afterEach(() => {
    for (const c of made.splice(0)) c.notifyInvalidated();
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('posts nothing to the page', () => {
    const post = vi.spyOn(window, 'postMessage');
    make();
    expect(post).not.toHaveBeenCalled();
  });

  it('keeps running when the page forges the started event', () => {
    const ctx = make();
    document.dispatchEvent(
      new CustomEvent(started(), { detail: { contentScriptName: 'content', messageId: 'forged' } }),
    );
    expect(ctx.isValid).toBe(true);
  });

  it('is stopped by a newer run of the script', () => {
    const old = make();
    const stopped = vi.fn();
    old.onInvalidated(stopped);
    const next = make();
    expect(stopped).toHaveBeenCalledOnce();
    expect(next.isValid).toBe(true);
  });

  it('stops on the started event once its extension is gone (an orphan)', () => {
    const ctx = make();
    const name = started();
    vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as never);
    document.dispatchEvent(new CustomEvent(name));
    expect(ctx.signal.aborted).toBe(true);
  });
});
