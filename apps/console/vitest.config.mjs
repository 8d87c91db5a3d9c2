import { defineConfig } from 'vitest/config';

// Unit tests of the console's lib, hooks and components: pure logic in Node (no browser);
// React output through react-dom/server, requests through a fake fetch.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
