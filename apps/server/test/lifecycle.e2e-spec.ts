import { startTestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

describe(`server lifecycle on ${testDatabaseKind}`, () => {
  it('answers requests in flight when SIGTERM arrives, then exits cleanly', async () => {
    const t = await startTestApp();
    // Logins hash with argon2, so these are still being served when the signal lands.
    // A request the server never took (refused, or reset on a keep-alive connection it was closing) counts as refused.
    const inFlight = Array.from({ length: 6 }, () => t.request('POST', '/api/v1/auth/login', { body: { username: 'staff.g', password: 'linli-demo' } })
      .then((r) => r.status as number | 'refused', () => 'refused' as const));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const code = await t.close();
    const statuses = await Promise.all(inFlight);
    expect(code).toBe(0);
    // Requests taken before the signal got their full answer; later ones were refused or told 503, never cut off midway.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses).toEqual(statuses.map((s) => (s === 200 || s === 503 || s === 'refused' ? s : 'unexpected')));
  });

  it('refuses to start outside demo mode without LINLI_SECRET, saying why', async () => {
    await expect(startTestApp({ env: { LINLI_DEMO: '0' } })).rejects.toThrow(/LINLI_SECRET is required/);
  });
});
