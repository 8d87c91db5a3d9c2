// The hot reads measured on the scale data (bench/seed.mjs): a name and, for a prepared server `f` (`f.seed` the seed's
// facts, `f.resident` and `f.staff` tokens), the path and the token to ask with. Used by scale.mjs and profile-read.mjs.
export const SCALE_READS = [
  ['feed', (f) => ({ path: '/api/v1/notices', token: f.resident })],
  ['unread count', (f) => ({ path: '/api/v1/notices/unread-count', token: f.resident })],
  [
    'notice stats (10,000 households)',
    (f) => ({ path: `/api/v1/notices/${f.seed.statsNotice.id}/stats`, token: f.staff }),
  ],
  ['balance', (f) => ({ path: '/api/v1/timebank/account', token: f.resident })],
  ['statement, first page', (f) => ({ path: '/api/v1/timebank/transactions', token: f.resident })],
  [
    'room availability',
    (f) => ({ path: `/api/v1/rooms/${f.seed.room.id}/availability?date=${f.seed.room.date}`, token: f.resident }),
  ],
  ['requests queue (staff)', (f) => ({ path: '/api/v1/requests', token: f.staff })],
  ['open help requests', (f) => ({ path: '/api/v1/help-requests', token: f.resident })],
  ['groups', (f) => ({ path: '/api/v1/groups', token: f.resident })],
  ['events, next 60 days', (f) => ({ path: '/api/v1/events', token: f.resident })],
];
