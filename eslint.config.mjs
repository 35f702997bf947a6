// Lint with type information: typescript-eslint's recommended type-checked rules, plus the
// few the house style leans on. Formatting is Prettier's (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.bench/', '.fuzz/', '.scratch/', 'src/**/*.generated.ts', 'test/fixtures/', 'test/conformance/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'eqeqeq': ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Scripts and tests may print, and tests lean on `any` from parsed JSON.
    files: ['scripts/**', 'test/**', '*.mjs', '*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript (the bin, scripts, configs) runs on Node: its globals are defined.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
);
