/**
 * RFC3339 timestamps as Cloud Logging compares them: any offset and 0–9 fractional digits,
 * reduced to one fixed-width UTC form so that string order is time order.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC, or undefined when `text` is not a timestamp. */
export function timestampKey(text: string): string | undefined {
  const date = DATE_ONLY.exec(text);
  if (date) return `${date[1]}-${date[2]}-${date[3]}T00:00:00.000000000Z`;
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', , sign, oh, om] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  if (sign) ms -= (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const iso = new Date(ms).toISOString().slice(0, 19);
  return `${iso}.${frac.padEnd(9, '0')}Z`;
}

export function nowTimestamp(): string {
  return new Date().toISOString();
}

/** The proto3 JSON form the API answers with: UTC, `Z`, and 0, 3, 6 or 9 fractional digits. */
export function canonicalTimestamp(text: string): string | undefined {
  const key = timestampKey(text);
  if (!key) return undefined;
  const frac = key.slice(20, 29).replace(/(000)+$/, '');
  return `${key.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
