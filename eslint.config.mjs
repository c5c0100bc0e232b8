// Lint: typescript-eslint's recommended rules plus the process boundaries of
// docs/architecture.md, enforced so a wrong import fails the build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'dgram',
  'stream',
  'util',
  'events',
  'worker_threads',
];

/** The renderer runs sandboxed in Electron and in plain browsers. */
const rendererBoundary = {
  patterns: [
    {
      regex: '(^|/)main(/|$)',
      message: 'renderer/ must not import main/: ask the main process through the preload API.',
    },
    {
      regex: '(^|/)preload(/(?!api-types$).*)?$',
      message: 'renderer/ may use only the types of the preload API (preload/api-types), never preload internals.',
    },
    {
      regex: '(^|/)signaling(/(?!protocol(/|$)).*)?$',
      message: 'renderer/ may import only signaling/protocol from signaling/.',
    },
    {
      group: ['electron', 'electron/*', 'node:*', 'ws', ...NODE_BUILTINS],
      message: 'renderer/ runs in a browser sandbox: no Node or Electron modules.',
    },
  ],
};

/**
 * main/ is the Electron app's composition root: it may start the parts below, never be imported by them, so each part
 * still runs where Electron is not (the CLI server, the relay's own process, the sandboxed preload).
 */
const mainBoundary = (part, why) => ({ regex: '(^|/)main(/|$)', message: `${part} must not import main/: ${why}` });
const serverToMain = mainBoundary('signaling/', 'the server also runs without Electron (npm run serve).');
const relayToMain = mainBoundary('signaling/relay/', 'the relay runs in its own process, which main/ only starts.');
const preloadToMain = mainBoundary('preload/', 'the preload reaches the main process over IPC only.');

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      // Prettier wraps code at 120; this holds comments to it too. Long strings stay whole so they can be searched.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererBoundary] },
  },
  {
    files: ['signaling/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverToMain] }] },
  },
  {
    // Replaces the signaling/ rule above for the relay (ESLint takes the last matching options).
    files: ['signaling/relay/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [relayToMain] }] },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [preloadToMain] }] },
  },
  {
    // The protocol module is shared with the renderer: it must stay browser-safe (and, as signaling/, off main/).
    files: ['signaling/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverToMain,
            {
              group: ['node:*', 'ws', 'electron', ...NODE_BUILTINS, '../server/**', '../cli/**'],
              message: 'signaling/protocol is shared with the browser: no Node imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{cjs,mjs,js}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Response: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
