// Lint is where the process boundaries live (style.md): each folder may import only what its
// process can load. Type-checked rules catch floating promises and `any`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = { group: ['node:*'], message: 'This folder runs outside Node: no node:* imports.' }
const electron = { name: 'electron', message: 'Only electron/main (and the preload) may import electron.' }

export default tseslint.config(
  {
    ignores: ['.tmp/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/native/electron/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node }, parserOptions: { projectService: false, project: null } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'better-sqlite3', message: 'The renderer reaches data only through window.pos.' }],
          patterns: [
            nodeBuiltins,
            { group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/cli/**'], message: 'The renderer talks to the core only through window.pos.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The core never depends on a front end.' }],
        },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'better-sqlite3', message: 'shared/ is pure TypeScript.' }],
          patterns: [nodeBuiltins, { group: ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**'], message: 'shared/ depends on nothing of ours.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, { group: ['**/core/**', '**/main/**', '**/renderer/**', 'zod'], message: 'The preload is a thin bridge.' }] },
      ],
    },
  },
  {
    // Command-line programs talk to the person running them on the terminal.
    files: ['electron/cli/**/*.ts', 'test/**/*.ts', 'resources/native/*.mjs'],
    rules: { 'no-console': 'off' },
  },
)
