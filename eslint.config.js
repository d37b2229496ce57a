import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';

// zod stays in the command line (src/cli/explainSchema.ts: its JSON Schema export); the page validates with valibot,
// which bundles only the functions used (src/model/validation.ts says why there are two).
const NO_ZOD = { group: ['zod', 'zod/*'], message: 'Only src/cli may use zod: the page validates with valibot (src/model/validation.ts).' };
// valibot's own object(), record(), variant() and number() accept what the page's zod schemas refused (arrays as
// objects, Infinity) and word a missing field differently; validation.ts has versions that behave as zod did.
const ZOD_LIKE = ['object', 'record', 'variant', 'number'].map((property) => ({
  object: 'v',
  property,
  message: `Use ${property}() from src/model/validation.ts: it accepts, refuses and words what the zod schemas did.`,
}));

export default tseslint.config(
  { ignores: ['dist', 'dist-single', 'dist-cli', 'node_modules', 'bench/results', 'bench/.out', 'test-results', 'coverage', '**/*.tmp.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ZOD] }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/model/validation.ts'],
    rules: { 'no-restricted-properties': ['error', ...ZOD_LIKE] },
  },
  {
    // The model is pure: no React, no DOM, no UI imports.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/model must stay free of React.' },
          { group: ['**/ui/**', '../ui/*', '../../ui/*'], message: 'src/model must not import views.' },
          NO_ZOD,
        ],
      }],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'tests/e2e/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
