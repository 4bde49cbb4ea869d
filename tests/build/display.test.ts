import { describe, expect, it } from 'vitest';
import { isDisplayError, NO_DISPLAY_HINT, noDisplayHint } from '../../scripts/dev/display';

describe('npm start without a display', () => {
  it('says in one line what to run instead on Linux without DISPLAY or WAYLAND_DISPLAY', () => {
    expect(noDisplayHint(false, 'linux', {})).toBe(NO_DISPLAY_HINT);
    expect(noDisplayHint(false, 'linux', { DISPLAY: '' })).toBe(NO_DISPLAY_HINT);
    expect(NO_DISPLAY_HINT).not.toContain('\n');
    expect(NO_DISPLAY_HINT).toContain('npm start -- --headless --screenshot');
    expect(NO_DISPLAY_HINT).toContain('xvfb-run npm start');
  });

  it('stays quiet where a window can open, or none is wanted', () => {
    expect(noDisplayHint(false, 'linux', { DISPLAY: ':0' })).toBeUndefined();
    expect(noDisplayHint(false, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(noDisplayHint(true, 'linux', {})).toBeUndefined();
    expect(noDisplayHint(false, 'darwin', {})).toBeUndefined();
    expect(noDisplayHint(false, 'win32', {})).toBeUndefined();
  });

  it('recognises a launch that failed for want of an X server', () => {
    expect(
      isDisplayError(new Error('Looks like you launched a headed browser without having a XServer running.')),
    ).toBe(true);
    expect(isDisplayError(new Error('Missing X server or $DISPLAY'))).toBe(true);
    expect(isDisplayError(new Error('Chromium not found at /usr/bin/chromium'))).toBe(false);
  });
});
