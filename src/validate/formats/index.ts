/**
 * The registry of `validate` output formats, by name. Each format is one module, imported
 * only when chosen; its descriptor here says what `--help` and the docs say of it. Adding a
 * format is adding its module and one entry.
 */
import type { ValidateFormat } from './types.js';

export interface ValidateFormatDescriptor {
  name: string;
  /** One line for the docs: what reads it. */
  description: string;
  load: () => Promise<ValidateFormat>;
}

const DESCRIPTORS: readonly ValidateFormatDescriptor[] = [
  {
    name: 'stylish',
    description: 'for people: findings grouped by file, with line:column, severity and rule (the default)',
    load: async () => (await import('./stylish.js')).stylishFormat,
  },
  {
    name: 'json',
    description: 'ESLint-shaped JSON: one entry per file with its messages, for scripts',
    load: async () => (await import('./json.js')).jsonFormat,
  },
  {
    name: 'junit',
    description: 'JUnit XML for test reporters (GitLab, Jenkins): a test case per rule and file, errors as failures, warnings as skipped',
    load: async () => (await import('./junit.js')).junitFormat,
  },
  {
    name: 'github',
    description: 'GitHub Actions workflow commands: annotations on the changed lines, with totals past the ten GitHub shows',
    load: async () => (await import('./github.js')).githubFormat,
  },
  {
    name: 'sarif',
    description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with stable fingerprints',
    load: async () => (await import('./sarif.js')).sarifFormat,
  },
  {
    name: 'gitlab',
    description: 'GitLab Code Quality JSON, with fingerprints that survive unrelated edits',
    load: async () => (await import('./gitlab.js')).gitlabFormat,
  },
];

const LOADERS: Record<string, () => Promise<ValidateFormat>> = Object.fromEntries(DESCRIPTORS.map((d) => [d.name, d.load]));

/** Every format's descriptor, in order. */
export function validateFormats(): readonly ValidateFormatDescriptor[] {
  return DESCRIPTORS;
}

/** Names of every format, for `--format` help and errors. */
export const VALIDATE_FORMATS: readonly string[] = Object.keys(LOADERS);

/** Load a format by name, or `undefined` when there is none by that name. */
export async function loadValidateFormat(name: string): Promise<ValidateFormat | undefined> {
  const loader = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  return loader ? loader() : undefined;
}
