// Lint with type information: typescript-eslint's recommended type-checked rules, plus the
// few the house style leans on. Formatting is Prettier's (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      '.bench/',
      '.fuzz/',
      '.scratch/',
      'src/**/*.generated.ts',
      'test/fixtures/',
      'test/conformance/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A switch over a union either lists every member or says what the rest do in `default`.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      // Matching control characters is deliberate here: it is how terminal escapes, NUL bytes and
      // XML-forbidden characters are found and neutralised (src/core/printable.ts and friends).
      'no-control-regex': 'off',
      // Interfaces declare async methods (sinks, prompters, stores); an implementation that is
      // done at once still returns a promise, which is the point of declaring it async.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Scripts and tests may print, and tests lean on `any` from parsed JSON.
    files: ['scripts/**', 'test/**', '*.mjs', '*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Parsed output is asserted to the shape a test expects, even where a generic would infer it.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Plain JavaScript (the bin, scripts, configs) runs on Node: its globals are defined.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
);
