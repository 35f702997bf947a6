/**
 * The registry of `validate` output formats, by name. Each format is one module, imported
 * only when chosen; adding a format is adding a file and one line here.
 */
import type { ValidateFormat } from './types.js';

const LOADERS: Record<string, () => Promise<ValidateFormat>> = {
  stylish: async () => (await import('./stylish.js')).stylishFormat,
  json: async () => (await import('./json.js')).jsonFormat,
  junit: async () => (await import('./junit.js')).junitFormat,
  github: async () => (await import('./github.js')).githubFormat,
  sarif: async () => (await import('./sarif.js')).sarifFormat,
  gitlab: async () => (await import('./gitlab.js')).gitlabFormat,
};

/** Names of every format, for `--format` help and errors. */
export const VALIDATE_FORMATS: readonly string[] = Object.keys(LOADERS);

/** Load a format by name, or `undefined` when there is none by that name. */
export async function loadValidateFormat(name: string): Promise<ValidateFormat | undefined> {
  const loader = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  return loader ? loader() : undefined;
}
