import { describe, expect, it } from 'vitest';
import { acceptHello, frameUrl, newSecret, readNote } from '../../lib/page/capture-frame';

describe('capture frame handshake', () => {
  const port = {} as MessagePort;
  const hello = { kind: 'apt-lens:capture', secret: 's3cret', initial: { quote: { exact: 'x' } } };

  it('takes the hello that carries this opening’s secret and one port', () => {
    expect(acceptHello(hello, [port], 's3cret')).toEqual({ initial: hello.initial, port });
  });

  it('ignores what a page could post: another secret, no secret, no port, or no data', () => {
    expect(acceptHello({ ...hello, secret: 'guess' }, [port], 's3cret')).toBeUndefined();
    expect(acceptHello({ ...hello, secret: undefined }, [port], 's3cret')).toBeUndefined();
    expect(acceptHello(hello, [], 's3cret')).toBeUndefined();
    expect(acceptHello({ ...hello, initial: null }, [port], 's3cret')).toBeUndefined();
    expect(acceptHello('apt-lens:capture', [port], 's3cret')).toBeUndefined();
    // A frame opened without a secret in its address accepts nothing.
    expect(acceptHello({ ...hello, secret: '' }, [port], '')).toBeUndefined();
  });

  it('puts the secret in the fragment, which no request carries', () => {
    const secret = newSecret({ randomUUID: () => 'abc' });
    expect(frameUrl('chrome-extension://id/capture.html', secret)).toBe(
      'chrome-extension://id/capture.html#abc',
    );
  });

  it('reads only the two notes the frame sends', () => {
    expect(readNote('saved')).toBe('saved');
    expect(readNote('close')).toBe('close');
    expect(readNote({ type: 'saved' })).toBeUndefined();
  });
});
