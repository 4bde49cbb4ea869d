import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/apt-lens.mjs');

describe('output piped into a reader that stops early', () => {
  it('ends quietly when `head` closes the pipe (no EPIPE, no stack trace)', () => {
    // The KB as JSON is far larger than a pipe's buffer, so the CLI is still writing when head leaves.
    const r = spawnSync('sh', ['-c', `node "${bin}" kb --json | head -c 64 >/dev/null; echo "status=$?"`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(r.stdout).toContain('status=0');
  }, 60_000);
});
