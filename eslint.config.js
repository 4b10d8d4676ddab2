// Flat ESLint config: typescript-eslint recommended, prettier compatibility, and Nx module
// boundaries (core imports no lane, no provider SDK and no CLI framework).
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');
const prettier = require('eslint-config-prettier');

const PROVIDER_SDKS = [
  'googleapis',
  '@googleapis/*',
  'google-auth-library',
  'firebase-admin',
  '@google-cloud/*',
  '@rage-against-the-pixel/*',
  'nodemailer',
];

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/*.js', '**/*.cjs', '.nx/**'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:core',
              onlyDependOnLibsWithTags: ['type:core'],
              bannedExternalImports: [...PROVIDER_SDKS, '@oclif/*'],
            },
            { sourceTag: 'type:provider', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:emulator', onlyDependOnLibsWithTags: ['type:core', 'type:provider'] },
            {
              sourceTag: 'type:lane',
              onlyDependOnLibsWithTags: ['type:core', 'type:provider', 'type:emulator'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:core', 'type:lane', 'type:provider', 'type:emulator'],
            },
          ],
        },
      ],
    },
  },
  {
    // TypeBox is build-time only: runtime core code may import schema types, never schema values
    // (constants live in schemas/constants.ts). The footprint test checks the built package too.
    files: ['libs/core/src/**/*.ts'],
    ignores: ['libs/core/src/schemas/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/schemas/common',
                '**/schemas/request',
                '**/schemas/session',
                '**/schemas/sidecars',
                '**/schemas/contract',
                '**/schemas/index',
                '@sinclair/typebox',
              ],
              allowTypeImports: true,
              message:
                'Runtime code must not load TypeBox: import types only, or constants from schemas/constants.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
