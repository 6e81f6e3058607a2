import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'scratch/**',
      'coverage/**',
      '**/.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/core/**', '**/host/**', 'electron', 'better-sqlite3'],
              message: 'The renderer talks to the core only through the typed client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/main/**',
                '**/core/**',
                '**/renderer/**',
                '**/host/**',
                '**/preload/**',
                'electron',
                'better-sqlite3',
                'node:*',
              ],
              message: 'src/shared must stay free of platform code.',
            },
          ],
        },
      ],
    },
  },
  // The layers (docs/ARCHITECTURE.md): the core runs in its worker and knows nothing of Electron or of who
  // serves it; only the core opens SQLite; the shells reach the core through src/core's start API.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/main/**', '**/host/**', '**/renderer/**', '**/preload/**'],
              message: 'src/core runs in the core worker: no Electron, no shell, no UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/**', '**/renderer/**', 'better-sqlite3'],
              message: 'The Electron shell reaches the database only through the core worker.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/main/**', '**/renderer/**', '**/preload/**', 'better-sqlite3'],
              message: 'The headless host reaches the database only through the core worker.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/core/**', '**/host/**', '**/renderer/**', 'better-sqlite3', 'node:*'],
              message: 'The sandboxed preload holds only the bridge: electron and src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
)
