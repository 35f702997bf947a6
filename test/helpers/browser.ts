/**
 * A headless Chromium for the tests that open the HTML report, found without installing
 * anything outside the project:
 *
 * 1. `TRIAGE_CHROMIUM`, when set: a browser the person running the tests chose;
 * 2. Debian's `/usr/bin/chromium`, where the machine has it;
 * 3. otherwise the Chromium that the `@sparticuz/chromium` dev dependency ships inside its npm
 *    package, unpacked once into `node_modules/.cache/` (not /tmp, where another user could
 *    have left a file of the same name), so `npm ci && npm test` needs only Node and npm.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoPath } from './run.js';

const DEBIAN = '/usr/bin/chromium';
/** Flags for a browser that must not reach the network or keep state between runs. */
const QUIET = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Found {
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
  /** Where it came from, for messages. */
  source: string;
}

async function findChromium(): Promise<Found> {
  const chosen = process.env['TRIAGE_CHROMIUM'];
  if (chosen) return { executablePath: chosen, args: QUIET, source: `TRIAGE_CHROMIUM (${chosen})` };
  if (existsSync(DEBIAN)) return { executablePath: DEBIAN, args: QUIET, source: DEBIAN };
  return packaged();
}

/** The npm package's Chromium, unpacked into the project's own cache folder. */
async function packaged(): Promise<Found> {
  const cache = repoPath('node_modules/.cache/triage-chromium');
  mkdirSync(cache, { recursive: true });
  // The package unpacks into os.tmpdir(), which follows TMPDIR: point it at the cache while it does.
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = cache;
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    Chromium.setGraphicsMode = false;
    const executablePath = await Chromium.executablePath();
    // Its --single-process suits a serverless sandbox, but there closing one page ends the browser.
    const args = [...new Set([...Chromium.args, ...QUIET])].filter((arg) => arg !== '--single-process');
    // The package's own fonts.conf names /tmp/fonts, where nothing is unless a serverless runtime
    // put it there: without fonts Chromium lays out no text at all. Point fontconfig at the fonts
    // the package unpacked here, and at the machine's own where it has some.
    const conf = join(cache, 'triage-fonts.conf');
    const dirs = [join(cache, 'fonts', 'fonts'), '/usr/share/fonts'].filter((dir) => existsSync(dir));
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(cache, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    return { executablePath, args, env: { FONTCONFIG_FILE: conf }, source: '@sparticuz/chromium' };
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
}

/** Launch the browser; the error says which one was tried and how to choose another. */
export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  try {
    return await chromium.launch({
      executablePath: found.executablePath,
      args: found.args,
      ...(found.env ? { env: { ...process.env, ...found.env } } : {}),
    });
  } catch (error) {
    throw new Error(`could not start Chromium from ${found.source}: ${String(error)}; set TRIAGE_CHROMIUM to a Chromium or Chrome binary`);
  }
}
