// One lint config for the monorepo: typescript-eslint with type information, react-hooks for the two clients,
// and the architecture's "never" arrows (STYLE.md) as import rules.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** no-restricted-imports patterns, one message each. */
const never = (...rules) => ({
  'no-restricted-imports': ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }],
});

const clientNever = [
  ['^@linli/server|apps/server|/server/src/', 'a client never imports the server: share through @linli/shared-types'],
  ['^@linli/(console|miniapp)', 'the clients never import each other'],
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      'apps/miniapp/.swc/**',
      'e2e/.artifacts/**',
      'e2e/test-results/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // With type information: the bugs a reviewer misses.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Nest injects by the constructor parameter's runtime type: those imports must stay value imports.
    files: ['apps/server/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A .cjs file is CommonJS (bench/count-statements.cjs is preloaded with `node --require`): require() is its import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The callbacks this script hands to Playwright (addInitScript, waitForFunction, evaluate) run in the page.
    files: ['bench/miniapp-budget.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['apps/miniapp/**/*.{ts,tsx}', 'apps/console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and their dependencies. The plugin's React Compiler rules are left out: neither client is
    // built with the compiler, and compiling every component for them was 14 s of a cold `pnpm lint`'s CPU (of 87).
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    languageOptions: { globals: { ...globals.browser } },
  },
  // The architecture's arrows.
  {
    files: ['packages/shared-types/**/*.ts'],
    rules: never([
      '^(?!\\.{1,2}/)',
      'shared-types imports nothing: it is the leaf both clients and the server build on',
    ]),
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: never(
      ...clientNever,
      ['/miniapp/', 'the console never imports the mini-app'],
      ['^@tarojs/', 'Taro belongs to the mini-app'],
    ),
  },
  {
    // Issue #19 item 9: every mutating button sends once while in flight, through the one guarded hook.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    ignores: ['apps/console/src/hooks/useGuardedMutation.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='useMutation']",
          message:
            'use useGuardedMutation (hooks/useGuardedMutation.ts): it drops a repeat while the request is in flight',
        },
      ],
    },
  },
  {
    files: ['apps/miniapp/**/*.{ts,tsx}'],
    rules: never(
      ...clientNever,
      ['/console/', 'the mini-app never imports the console'],
      ['^antd', 'antd belongs to the console'],
    ),
  },
  {
    // Issue #12: what differs between weapp and h5 lives in platform/ (files chosen by their .weapp/.h5 suffix).
    files: ['apps/miniapp/src/**/*.{ts,tsx}'],
    ignores: ['apps/miniapp/src/platform/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='TARO_ENV']",
          message: 'platform differences go in src/platform/ (a .weapp.ts and a .h5.ts file), not a TARO_ENV check',
        },
      ],
    },
  },
  {
    files: ['apps/server/src/common/**/*.ts'],
    rules: never([
      '^\\.\\./(?!common/|database/)',
      'common/ is below the features: it talks to interfaces (Actor), never to a feature folder',
    ]),
  },
  {
    files: ['apps/**/*.rules.ts'],
    rules: never(
      ['^@nestjs/', 'rules are pure functions: no Nest'],
      ['^typeorm', 'rules are pure functions: no TypeORM'],
      ['\\.entity(\\.js)?$', 'rules are pure functions: no entities'],
    ),
  },
);
