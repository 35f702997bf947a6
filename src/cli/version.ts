/** The tool's name and version, from package.json (read once). */
import { readFileSync } from 'node:fs';

let cached: { name: string; version: string } | undefined;

export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const raw = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    cached = { name: raw.name, version: raw.version };
  }
  return cached;
}

export function toolVersion(): string {
  return toolInfo().version;
}
