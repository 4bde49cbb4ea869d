/**
 * Arrays of 16-bit numbers written as base64 (little-endian), the form the prebuilt matcher tables ship
 * in: a fresh tab decodes them natively, where a JSON array of numbers must be parsed and copied in a
 * loop the page has not compiled yet, and the text to evaluate is about half as long.
 */

/** Writes numbers from 0 to 65,535 as base64. */
export function encodeUint16(values: readonly number[]): string {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new Error(`${v} does not fit in 16 bits`);
  }
  const bytes = new Uint8Array(Uint16Array.from(values).buffer);
  let binary = '';
  // In slices: spreading tens of thousands of arguments at once can overflow the stack.
  for (let i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return btoa(binary);
}

/** Reads what `encodeUint16` wrote; natively where the engine has `Uint8Array.fromBase64`. */
export function decodeUint16(base64: string): Uint16Array {
  const native = (Uint8Array as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) {
    const bytes = native(base64);
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  }
  // Older engines (Node 20 for the CLI): a plain loop, no callback per byte.
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Uint16Array(bytes.buffer, 0, bytes.length >> 1);
}
