import { securityHeaders } from './security-headers.js';

describe('securityHeaders', () => {
  const headers = securityHeaders({
    contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'script-src': ["'self'", "'sha256-abc='"] } },
  });

  it.each([
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'SAMEORIGIN'],
    ['referrer-policy', 'no-referrer'],
    ['cross-origin-opener-policy', 'same-origin'],
  ])('sets %s to helmet’s %s', (name, value) => {
    expect(headers[name]).toBe(value);
  });

  it('writes the given directives into the policy, with helmet’s defaults for the rest', () => {
    const csp = headers['content-security-policy'].split(';');
    expect(csp).toContain("script-src 'self' 'sha256-abc='");
    expect(csp).toContain("object-src 'none'");
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });

  it('sets no X-Powered-By and only lower-case names (as Fastify sends them)', () => {
    expect(headers).not.toHaveProperty('x-powered-by');
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });
});
