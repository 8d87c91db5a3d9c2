/**
 * unit: pure rules and services beside the code (no database).
 * int:  data code against a real database; LINLI_TEST_DB=sqlite (default) or mariadb.
 * e2e:  the whole app through HTTP (Fastify inject), same database choice.
 * faults: the built server on a throwaway MariaDB server that the tests kill and restart (run with --selectProjects faults).
 * galera: three built servers on a 3-node MariaDB Galera cluster of the test's own (run with --selectProjects galera).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
  },
];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
};
export default {
  // e2e suites start a real server process per file; 2 shared cores can make that slow.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Crashes a MariaDB server of its own and the server processes on it; a suite of its own (scripts/test.mjs).
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/**/*.fault-spec.ts'] },
    // Starts a Galera cluster of its own, one server per node, and kills a node; a suite of its own (scripts/test.mjs).
    { ...common, displayName: 'galera', testMatch: ['<rootDir>/test/**/*.cluster-spec.ts'] },
  ],
};
