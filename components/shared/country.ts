let names: Intl.DisplayNames | undefined;

/** English name of an ISO 3166 country code, via the browser's own table (no data to ship). */
export function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  names ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
