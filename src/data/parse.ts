/**
 * Parsing of field text straight from bytes, so CSV values never become JS strings on their way
 * to a number. Every parser returns NaN for text that is not a valid, finite value of its type:
 * NaN and ±Infinity are invalid in a number column (a model cannot take them), not missing.
 */

const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;

// Powers of ten up to 1e22 are exact doubles, which makes one multiplication or division correctly rounded.
export const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_EXACT_MANTISSA = 2 ** 53;

// Two functions rather than one returning a pair: a pair would be an array allocated per field.
function trimmedStart(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  return start;
}

function trimmedEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return end;
}

/** A decimal number such as `-12`, `3.25`, `1e-3`, `.5`; NaN for anything else (including NaN and Infinity). */
export function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  start = trimmedStart(bytes, start, end);
  end = trimmedEnd(bytes, start, end);
  if (start === end) return Number.NaN;
  let i = start;
  let negative = false;
  if (bytes[i] === MINUS || bytes[i] === PLUS) {
    negative = bytes[i] === MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let sawDigit = false;
  for (; i < end; i++) {
    const b = bytes[i];
    if (b < ZERO || b > NINE) break;
    mantissa = mantissa * 10 + (b - ZERO);
    if (mantissa !== 0) digits++;
    sawDigit = true;
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      const b = bytes[i];
      if (b < ZERO || b > NINE) break;
      mantissa = mantissa * 10 + (b - ZERO);
      if (mantissa !== 0) digits++;
      fractionDigits++;
      sawDigit = true;
    }
  }
  if (!sawDigit) return Number.NaN;
  let exponent = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    const exponentStart = i;
    for (; i < end; i++) {
      const b = bytes[i];
      if (b < ZERO || b > NINE) break;
      exponent = exponent * 10 + (b - ZERO);
      if (exponent > 100_000) exponent = 100_000;
    }
    if (i === exponentStart) return Number.NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return Number.NaN;
  const scale = exponent - fractionDigits;
  let value: number;
  if (digits <= 15 && mantissa < MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
    value = scale >= 0 ? mantissa * EXACT_POWERS_OF_TEN[scale] : mantissa / EXACT_POWERS_OF_TEN[-scale];
  } else {
    // Long mantissas and large exponents need correct rounding: let the engine parse the text.
    value = Number(latin1(bytes, start, end));
  }
  if (!Number.isFinite(value)) return Number.NaN;
  return negative ? -value : value;
}

/** An integer (`42`, `-7`, also `42.0` and `4.2e1`); NaN for a fraction or a value beyond ±2^53. */
export function parseInteger(bytes: Uint8Array, start: number, end: number): number {
  const value = parseNumber(bytes, start, end);
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/**
 * Up to five bytes folded to lower case (each OR 0x20) as one number, in base 256. No folded byte
 * is zero, so words of different lengths never share a number; and no string is made.
 */
function foldedWord(bytes: Uint8Array, start: number, end: number): number {
  let word = 0;
  for (let i = start; i < end; i++) word = word * 256 + (bytes[i] | 0x20);
  return word;
}

const booleanWords = new Map<number, number>();
for (const word of ['true', 't', 'yes', 'y', '1']) booleanWords.set(foldedWord(Buffer.from(word), 0, word.length), 1);
for (const word of ['false', 'f', 'no', 'n', '0']) booleanWords.set(foldedWord(Buffer.from(word), 0, word.length), 0);

/** true/false, t/f, yes/no, y/n, 1/0 (any case) as 1 or 0; NaN for anything else. */
export function parseBoolean(bytes: Uint8Array, start: number, end: number): number {
  start = trimmedStart(bytes, start, end);
  end = trimmedEnd(bytes, start, end);
  const length = end - start;
  if (length === 0 || length > 5) return Number.NaN;
  return booleanWords.get(foldedWord(bytes, start, end)) ?? Number.NaN;
}

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MS_PER_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, by Hinnant's days_from_civil: Date.UTC's
 * arithmetic at a third of its cost, without its reading of years 0 to 99 as 1900 to 1999 (an
 * ISO-8601 year is the year written).
 */
function epochDay(year: number, month: number, day: number): number {
  // Years counted from March, so that a leap day is the last of its year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * An ISO-8601 date or date-time as epoch milliseconds: `2015-06-01`, `2015-06-01T12:30`,
 * `2015-06-01 12:30:00.250Z`, `…+02:00`. Without a zone it is read as UTC, so that the same text
 * gives the same instant on every runner, whatever its time zone.
 */
export function parseTimestamp(bytes: Uint8Array, start: number, end: number): number {
  start = trimmedStart(bytes, start, end);
  end = trimmedEnd(bytes, start, end);
  if (end - start < 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return Number.NaN;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return Number.NaN;
  let i = start + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let offsetMinutes = 0;
  if (i < end) {
    if (bytes[i] !== 0x54 && bytes[i] !== 0x74 && bytes[i] !== SPACE) return Number.NaN;
    if (end - i < 6 || bytes[i + 3] !== 0x3a) return Number.NaN;
    hour = digitsAt(bytes, i + 1, 2);
    minute = digitsAt(bytes, i + 4, 2);
    i += 6;
    if (i < end && bytes[i] === 0x3a) {
      second = digitsAt(bytes, i + 1, 2);
      i += 3;
      if (i < end && (bytes[i] === DOT || bytes[i] === 0x2c)) {
        let scale = 100;
        for (i++; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++) {
          millisecond += (bytes[i] - ZERO) * scale;
          scale /= 10;
        }
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return Number.NaN;
    if (i < end) {
      const sign = bytes[i];
      if ((sign === 0x5a || sign === 0x7a) && i + 1 === end) {
        i++;
      } else if ((sign === PLUS || sign === MINUS) && end - i >= 3) {
        const offsetHours = digitsAt(bytes, i + 1, 2);
        let rest = i + 3;
        if (rest < end && bytes[rest] === 0x3a) rest++;
        const offsetMins = rest < end ? digitsAt(bytes, rest, 2) : 0;
        if (offsetHours < 0 || offsetMins < 0 || (rest < end && rest + 2 !== end)) return Number.NaN;
        offsetMinutes = (sign === MINUS ? -1 : 1) * (offsetHours * 60 + offsetMins);
        i = end;
      } else {
        return Number.NaN;
      }
    }
  }
  if (i !== end) return Number.NaN;
  // epochDay would roll 2015-02-29 over to March; a date that does not exist is invalid.
  if (month === 2 && day === 29 && !isLeapYear(year)) return Number.NaN;
  // Every term is an integer below 2^53, so the sum is exact whatever its order, as Date.UTC's is.
  const utc = epochDay(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + Math.round(millisecond);
  return utc - offsetMinutes * 60_000;
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

const scratch = Buffer.alloc(64);

/** Runs a byte parser over a JS string (JSON Lines and Parquet values arrive as strings). */
export function parseFromString(parse: (bytes: Uint8Array, start: number, end: number) => number, text: string): number {
  // write stops before a character that does not fit whole, which leaves up to 3 bytes unused:
  // a write that filled more than 60 bytes may have cut the text, so parse those from a buffer of their own.
  const length = scratch.write(text, 0, 'utf8');
  if (length > scratch.length - 4) return parse(Buffer.from(text, 'utf8'), 0, Buffer.byteLength(text, 'utf8'));
  return parse(scratch, 0, length);
}
