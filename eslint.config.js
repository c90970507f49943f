import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ADAPTER_ONLY = [
  { name: 'drizzle-orm', message: 'Only packages/db talks to the database.' },
  { name: 'postgres', message: 'Only packages/db talks to the database.' },
  { name: '@electric-sql/pglite', message: 'Only packages/db talks to the database.' },
  { name: 'sharp', message: 'Only the imaging adapter uses sharp.' },
  { name: '@supabase/supabase-js', message: 'Only the Supabase storage driver uses supabase-js.' },
  { name: '@supabase/storage-js', message: 'Only the Supabase storage driver uses storage-js.' },
];

export default tseslint.config(
  // Generated clients are checked by their freshness tests and the type checker, not held to our style.
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      '.data/**',
      'packages/db/migrations/**',
      'examples/*/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read in one validated module per app (env.ts); everything else receives it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through env.ts.' },
      ],
    },
  },
  {
    // Errors come from the catalog (packages/core/src/errors/catalog.ts), so every message lives in one place.
    files: ['**/*.{ts,tsx}'],
    ignores: ['packages/core/src/errors/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='AppError']", message: 'Throw ERRORS.<code>(...) from the error catalog.' },
      ],
    },
  },
  {
    files: ['packages/core/**/*.ts', 'apps/api/src/**/*.ts', 'packages/storage/src/local/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ADAPTER_ONLY }] },
  },
  {
    // The client package ships to other apps and browsers: the router's types only, never server code.
    files: ['packages/client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@mediashare/api', '@mediashare/api/*', '@mediashare/core', '@mediashare/core/*'],
              allowTypeImports: true,
              message: 'Type imports only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@mediashare/core', message: 'The SPA imports only @mediashare/core/schemas (browser-safe).' }],
          patterns: [
            {
              group: ['@mediashare/api', '@mediashare/api/*'],
              allowTypeImports: true,
              message: 'Type imports only: no server code in the bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    // The env modules, tests, build scripts and tool configs are where the environment is legitimately read.
    files: [
      '**/env.ts',
      '**/*.test.ts',
      '**/test/**',
      '**/bench/**',
      '**/*.config.ts',
      '**/build.mjs',
      '**/e2e/**',
      'packages/testing/**',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
