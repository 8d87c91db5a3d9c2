import { defineConfig } from 'vitest/config';

// Unit tests of the mini-app's pure logic (src/lib and the booking subpackage's hooks), in Node:
// nothing here touches Taro, whose runtime needs a mini-program or browser host.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
