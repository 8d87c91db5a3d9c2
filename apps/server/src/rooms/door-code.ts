import { createHmac, timingSafeEqual } from 'node:crypto';

/** Printed on the poster at a room's door: it never changes, so it names the room and is signed, nothing more. */
const PREFIX = 'LINLI-DOOR:';

function signature(secret: string, roomId: number): string {
  return createHmac('sha256', secret).update(`door:${roomId}`).digest('base64url').slice(0, 22);
}

export function doorCode(secret: string, roomId: number): string {
  return `${PREFIX}${roomId}.${signature(secret, roomId)}`;
}

/** The room a door code names, or null when it is not a door code or its signature is wrong. */
export function parseDoorCode(secret: string, code: string): number | null {
  if (!code.startsWith(PREFIX)) return null;
  const match = /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(code.slice(PREFIX.length));
  if (!match) return null;
  const roomId = Number(match[1]);
  const expected = Buffer.from(signature(secret, roomId));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? roomId : null;
}

export const isDoorCode = (code: string) => code.startsWith(PREFIX);
