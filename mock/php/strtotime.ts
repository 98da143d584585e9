/**
 * A PHP `strtotime()` subset (UTC, as WordPress runs PHP): enough for AAM's `expires_in`,
 * `expires_at` and the TTL setting. Unsupported input returns `false` like unparseable input.
 *
 * Supported: `now`, `today`, `midnight`, `noon`, `tomorrow`, `yesterday`; relative parts
 * `[+-]N unit` (sec/min/hour/day/week/fortnight/month/year and their plurals/short forms) with
 * `ago`, `next|last|this unit`; weekday names, alone or after `next|last|previous|this` (midnight of
 * that day: timelib's weekday behaviours 0 and 1); `first day of` / `last day of`; a month name alone
 * (that month, today's day, midnight); `@<unix>`; ISO dates
 * `YYYY-MM-DD[( |T)HH:MM[:SS[.frac]]][Z|±HH[:]MM|UTC|GMT|Area/City]`; `HH:MM[:SS] [am|pm]`;
 * `D Month YYYY`, `Month D[, ] YYYY`, `M/D/YYYY`; a bare 4-digit number (`HHMM` when it is a valid 24h
 * time, otherwise a year: `"3600"` = the year 3600). Not: a weekday with `this|next|last week`.
 */

const UNITS: Record<string, [keyof Relative, number]> = {
  sec: ['s', 1], secs: ['s', 1], second: ['s', 1], seconds: ['s', 1],
  min: ['i', 1], mins: ['i', 1], minute: ['i', 1], minutes: ['i', 1],
  hour: ['h', 1], hours: ['h', 1],
  day: ['d', 1], days: ['d', 1],
  week: ['d', 7], weeks: ['d', 7],
  fortnight: ['d', 14], fortnights: ['d', 14], forthnight: ['d', 14],
  month: ['m', 1], months: ['m', 1],
  year: ['y', 1], years: ['y', 1],
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const UNIT = `(${Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|')})`;

interface Relative { y: number; m: number; d: number; h: number; i: number; s: number }
interface State {
  y: number; mo: number; d: number; h: number; i: number; s: number;
  tz: number; rel: Relative; base: number | null;
  /** a time zone identifier (`Europe/Paris`): its offset at the resulting time */
  zone: string | null;
  /** weekday 0 (Sunday)–6 with timelib's behaviour (1: today counts) */
  weekday: { day: number; behavior: 0 | 1 } | null;
  /** `first day of` / `last day of` */
  dayOf: 'first' | 'last' | null;
}

type Rule = [RegExp, (m: RegExpExecArray, st: State) => boolean];

function setTime(st: State, h: number, i: number, s: number): boolean {
  if (h > 24 || i > 59 || s > 60) return false;
  st.h = h; st.i = i; st.s = s;
  return true;
}
function setDate(st: State, y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  st.y = y; st.mo = mo; st.d = d;
  return setTime(st, 0, 0, 0);
}
function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}
/** Military time zones: A–I = +1…+9, K–M = +10…+12, N–Y = −1…−12, Z = UTC (J is not a zone). */
const MILITARY = 'abcdefghiklmnopqrstuvwxyz';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?)';

/** A relative weekday: `next monday` (+1), `last monday` (−1), `monday`/`this monday` (0, today counts). */
function setWeekday(st: State, name: string, amount: number, behavior: 0 | 1): boolean {
  st.weekday = { day: WEEKDAYS.indexOf(name.slice(0, 3).toLowerCase()), behavior };
  st.rel.d += (amount > 0 ? amount - 1 : amount) * 7;
  return setTime(st, 0, 0, 0);
}

/** Whether `name` is a time zone identifier the runtime knows (`Europe/Paris`; PHP wants the capitals). */
function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Seconds east of UTC of `zone` at the UTC instant `ms`. */
function zoneOffset(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000) / 1000;
}

function tzOffset(tz: string | undefined): number {
  if (!tz || /^(z|utc|gmt)$/i.test(tz)) return 0;
  if (/^[a-ik-z]$/i.test(tz)) {
    const i = MILITARY.indexOf(tz.toLowerCase());
    return (i < 12 ? i + 1 : i === 24 ? 0 : -(i - 11)) * 3600;
  }
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

const TZ = '(?:\\s*(z|utc|gmt|[+-]\\d{2}:?\\d{2}))?';
/** A time zone identifier as timelib reads one: capitalised words joined by `/`, `_` or `-` (case matters). */
const ZONE = '([A-Z][a-z]+(?:[_/-][A-Za-z]+)+)';
const RULES: Rule[] = [
  [/^@(-?\d+)/, (m, st) => { st.base = Number(m[1]); return true; }],
  [new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[t ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?${TZ}`, 'i'), (m, st) => {
    if (!setDate(st, Number(m[1]), Number(m[2]), Number(m[3]))) return false;
    if (m[4] !== undefined && !setTime(st, Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) return false;
    st.tz = tzOffset(m[7]);
    return true;
  }],
  [new RegExp(`^${ZONE}(?![A-Za-z])`), (m, st) => {
    if (!isZone(m[1] ?? '')) return false;
    st.zone = m[1] ?? null;
    return true;
  }],
  [/^(first|last) day of\b/i, (m, st) => { st.dayOf = (m[1] ?? '').toLowerCase() === 'first' ? 'first' : 'last'; return true; }],
  [new RegExp(`^(next|last|previous|this)\\s+${WEEKDAY}\\b`, 'i'), (m, st) => {
    const word = (m[1] ?? '').toLowerCase();
    return setWeekday(st, m[2] ?? '', word === 'next' ? 1 : word === 'this' ? 0 : -1, word === 'this' ? 1 : 0);
  }],
  [new RegExp(`^${WEEKDAY}\\b`, 'i'), (m, st) => setWeekday(st, m[1] ?? '', 0, 1)],
  [new RegExp(`^(\\d{1,2})[:.]([0-5]?\\d)(?:[:.]([0-5]?\\d))?(?!\\d)(?:\\s*([ap])\\.?m\\.?(?![a-z]))?${TZ}`, 'i'), (m, st) => {
    let h = Number(m[1]);
    if (m[4]) { if (h < 1 || h > 12) return false; h = (h % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0); }
    st.tz = tzOffset(m[5]);
    return setTime(st, h, Number(m[2]), Number(m[3] ?? 0));
  }],
  [new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?[ -]+${MONTH}\\.?[ -]+(\\d{4})`, 'i'), (m, st) => setDate(st, Number(m[3]), monthIndex(m[2] ?? ''), Number(m[1]))],
  [new RegExp(`^${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i'), (m, st) => setDate(st, Number(m[3]), monthIndex(m[1] ?? ''), Number(m[2]))],
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4})/, (m, st) => setDate(st, Number(m[3]), Number(m[1]), Number(m[2]))],
  [new RegExp(`^${MONTH}\\.?\\s+(\\d{4})\\b`, 'i'), (m, st) => setDate(st, Number(m[2]), monthIndex(m[1] ?? ''), 1)],
  [new RegExp(`^${MONTH}\\b\\.?`, 'i'), (m, st) => { st.mo = monthIndex(m[1] ?? ''); return setTime(st, 0, 0, 0); }],
  [/^(now)\b/i, () => true],
  [/^(z|utc|gmt|[a-ik-y])\b/i, (m, st) => { if (st.tz === 0) st.tz = tzOffset(m[1]); return true; }],
  [/^([+-]\d{1,2}(?::?\d{2})?)(?![\d\s]*[a-z])/i, (m, st) => { st.tz = tzOffset(m[1]); return true; }],
  [/^(today|midnight)\b/i, (_m, st) => setTime(st, 0, 0, 0)],
  [/^noon\b/i, (_m, st) => setTime(st, 12, 0, 0)],
  [/^tomorrow\b/i, (_m, st) => { st.rel.d += 1; return setTime(st, 0, 0, 0); }],
  [/^yesterday\b/i, (_m, st) => { st.rel.d -= 1; return setTime(st, 0, 0, 0); }],
  [new RegExp(`^([+-]?)\\s*(\\d+)\\s*${UNIT}\\b`, 'i'), (m, st) => addRel(st, (m[1] === '-' ? -1 : 1) * Number(m[2]), m[3] ?? '')],
  [new RegExp(`^(next|last|previous|this)\\s+${UNIT}\\b`, 'i'), (m, st) => {
    const word = (m[1] ?? '').toLowerCase();
    return addRel(st, word === 'next' ? 1 : word === 'this' ? 0 : -1, m[2] ?? '');
  }],
  [/^ago\b/i, (_m, st) => {
    for (const k of Object.keys(st.rel) as (keyof Relative)[]) st.rel[k] = -st.rel[k];
    return true;
  }],
  [/^(\d{2})(\d{2})(?!\d)/, (m, st) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a <= 24 && b <= 59) return setTime(st, a, b, 0);
    st.y = a * 100 + b;
    return true;
  }],
];

function addRel(st: State, n: number, unitName: string): boolean {
  const unit = UNITS[unitName.toLowerCase()];
  if (!unit) return false;
  st.rel[unit[0]] += n * unit[1];
  return true;
}

/** Returns Unix seconds, or `false` like PHP when the string cannot be parsed. */
export function strtotime(input: string, nowSeconds: number): number | false {
  if (input === '') return false;
  if (/^[ \t\n\0]+$/.test(input)) return nowSeconds; // spaces, tabs, newlines, NULs only: "now" (\r, \v: false)
  let rest = input.trim();
  if (rest === '') return false;
  const now = new Date(nowSeconds * 1000);
  const st: State = {
    y: now.getUTCFullYear(), mo: now.getUTCMonth() + 1, d: now.getUTCDate(),
    h: now.getUTCHours(), i: now.getUTCMinutes(), s: now.getUTCSeconds(),
    tz: 0, rel: { y: 0, m: 0, d: 0, h: 0, i: 0, s: 0 }, base: null, zone: null, weekday: null, dayOf: null,
  };
  while (rest.length > 0) {
    let matched = false;
    for (const [re, apply] of RULES) {
      const m = re.exec(rest);
      if (!m) continue;
      if (!apply(m, st)) return false;
      rest = rest.slice(m[0].length).replace(/^[\s,]+/, '');
      matched = true;
      break;
    }
    if (!matched) return false;
  }
  if (st.base !== null) {
    const b = new Date(st.base * 1000);
    st.y = b.getUTCFullYear(); st.mo = b.getUTCMonth() + 1; st.d = b.getUTCDate();
    st.h = b.getUTCHours(); st.i = b.getUTCMinutes(); st.s = b.getUTCSeconds();
  }
  // timelib: the date as written (normalized), then the weekday, then the relative parts, then first/last day of
  const date = new Date(0);
  date.setUTCFullYear(st.y, st.mo - 1, st.d);
  if (st.weekday !== null) {
    let difference = st.weekday.day - date.getUTCDay();
    if ((st.rel.d < 0 && difference < 0) || (st.rel.d >= 0 && difference <= -st.weekday.behavior)) difference += 7;
    date.setUTCDate(date.getUTCDate() + difference);
  }
  if (st.dayOf === null) date.setUTCFullYear(date.getUTCFullYear() + st.rel.y, date.getUTCMonth() + st.rel.m, date.getUTCDate() + st.rel.d);
  // first/last day of replaces the day before the month is normalized (`last day of february` on the 29th is the 28th)
  else date.setUTCFullYear(st.y + st.rel.y, st.mo - 1 + st.rel.m + (st.dayOf === 'last' ? 1 : 0), st.dayOf === 'first' ? 1 : 0);
  date.setUTCHours(st.h + st.rel.h, st.i + st.rel.i, st.s + st.rel.s, 0);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return false;
  if (st.zone !== null) {
    // the wall time in that zone: its offset at the resulting instant (twice, across a DST change)
    const first = ms - zoneOffset(st.zone, ms) * 1000;
    return Math.floor((ms - zoneOffset(st.zone, first) * 1000) / 1000);
  }
  return Math.floor(ms / 1000) - st.tz;
}
