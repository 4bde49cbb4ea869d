import { describe, expect, it } from 'vitest';
import { decodeUint16, encodeUint16 } from '../../lib/match/uint16-base64';

describe('16-bit arrays in base64', () => {
  it('give back the numbers they were given', () => {
    const values = [
      0,
      1,
      255,
      256,
      4096,
      65_535,
      ...Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 65_536),
    ];
    expect([...decodeUint16(encodeUint16(values))]).toEqual(values);
    expect([...decodeUint16(encodeUint16([]))]).toEqual([]);
  });

  it('refuse numbers that do not fit', () => {
    expect(() => encodeUint16([65_536])).toThrow(/16 bits/);
    expect(() => encodeUint16([-1])).toThrow(/16 bits/);
  });
});
