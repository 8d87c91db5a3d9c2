import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttendancePurpose } from '@linli/shared-types';

/**
 * Rotating codes. The live code at the door: `LA1.<activityId>.<i|o>.<step>.<mac>`; a volunteer's personal code:
 * `LU1.<userId>.<step>.<mac>`, also readable as 6 digits. The MAC is HMAC-SHA256 with LINLI_SECRET over
 * (kind, id, purpose, step), so a photo of a code is worthless one step later and nothing can be made up.
 */
const ACTIVITY_PREFIX = 'LA1.';
const PERSONAL_PREFIX = 'LU1.';
const MAC_CHARS = 16;

const purposeLetter: Record<AttendancePurpose, string> = { checkin: 'i', checkout: 'o' };

function mac(secret: string, text: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}
const shortMac = (secret: string, text: string) => mac(secret, text).toString('base64url').slice(0, MAC_CHARS);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function activityCode(secret: string, activityId: number, purpose: AttendancePurpose, step: number): string {
  return `${ACTIVITY_PREFIX}${activityId}.${purposeLetter[purpose]}.${step}.${shortMac(secret, `activity|${activityId}|${purpose}|${step}`)}`;
}

export const isActivityCode = (code: string) => code.startsWith(ACTIVITY_PREFIX);

/**
 * The live code to type (issue #19 item 10): 8 digits, shown as "1234 5678" under the QR. An HMAC of the same
 * (activity, purpose, step), so it rotates with the QR; 8 digits so it is never taken for a personal code (6).
 */
export function activityShortCode(
  secret: string,
  activityId: number,
  purpose: AttendancePurpose,
  step: number,
): string {
  const digest = mac(secret, `activity-short|${activityId}|${purpose}|${step}`);
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 100_000_000).padStart(8, '0');
}

/** 8 digits, spaces and dashes allowed between them ("1234 5678"): the typed live code, normalised; else null. */
export function typedActivityCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) && /^[\d\s-]+$/.test(code) ? digits : null;
}

/**
 * Which of the candidate (activity, purpose) pairs a typed code names, for the given steps; null when none.
 * With a handful of candidates and two steps, a guess has about one chance in ten million (and scans are rate-limited).
 */
export function resolveActivityShortCode(
  secret: string,
  digits: string,
  steps: number[],
  candidates: Array<{ activityId: number; purpose: AttendancePurpose }>,
): { activityId: number; purpose: AttendancePurpose; step: number } | null {
  for (const candidate of candidates)
    for (const step of steps)
      if (sameText(activityShortCode(secret, candidate.activityId, candidate.purpose, step), digits))
        return { ...candidate, step };
  return null;
}

/** A personal code as a QR text or its 6 digits (what POST scan hands to mutual help). */
export const isPersonalCode = (code: string) => code.startsWith(PERSONAL_PREFIX) || /^\d{6}$/.test(code);

export type ParsedActivityCode =
  { valid: true; activityId: number; purpose: AttendancePurpose; step: number } | { valid: false };

/** The activity, purpose and step a code names when its MAC is right; `valid: false` for anything forged or mangled. */
export function parseActivityCode(secret: string, code: string): ParsedActivityCode {
  const match = /^LA1\.(\d{1,9})\.([io])\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/.exec(code);
  if (!match) return { valid: false };
  const activityId = Number(match[1]);
  const purpose: AttendancePurpose = match[2] === 'i' ? 'checkin' : 'checkout';
  const step = Number(match[3]);
  if (!sameText(shortMac(secret, `activity|${activityId}|${purpose}|${step}`), match[4])) return { valid: false };
  return { valid: true, activityId, purpose, step };
}

export function personalCode(secret: string, userId: number, step: number): { code: string; digits: string } {
  const digest = mac(secret, `user|${userId}|${step}`);
  return {
    code: `${PERSONAL_PREFIX}${userId}.${step}.${digest.toString('base64url').slice(0, MAC_CHARS)}`,
    digits: sixDigits(digest),
  };
}

/** RFC 4226 dynamic truncation to 6 digits. */
function sixDigits(digest: Buffer): string {
  const offset = digest[digest.length - 1] & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

const CARD_PREFIX = 'LC1.';

/**
 * The code printed on an offline resident's card (窗口代办): `LC1.<userId>.<mac>`, no step, so it does not expire.
 * Only staff scan it, at an activity the resident signed up for.
 */
export function cardCode(secret: string, userId: number): string {
  return `${CARD_PREFIX}${userId}.${shortMac(secret, `card|${userId}`)}`;
}

/**
 * The user a personal code names, checked for the given steps. A QR text names its user; 6 digits are matched
 * against the candidates (the activity's volunteers), so a guess has about one chance in a million per volunteer.
 */
export function resolvePersonalCode(
  secret: string,
  userCode: string,
  steps: number[],
  candidateUserIds: number[],
): number | null {
  const text = userCode.trim();
  const card = /^LC1\.(\d{1,9})\.([A-Za-z0-9_-]{16})$/.exec(text);
  if (card) {
    const userId = Number(card[1]);
    return sameText(cardCode(secret, userId), text) ? userId : null;
  }
  const qr = /^LU1\.(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/.exec(text);
  if (qr) {
    const userId = Number(qr[1]);
    const step = Number(qr[2]);
    if (!steps.includes(step)) return null;
    return sameText(personalCode(secret, userId, step).code, text) ? userId : null;
  }
  if (/^\d{6}$/.test(text)) {
    for (const userId of candidateUserIds) {
      for (const step of steps) if (sameText(personalCode(secret, userId, step).digits, text)) return userId;
    }
  }
  return null;
}
