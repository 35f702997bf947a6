/** `triage principles`: the principle set in use, readable. */
import { ExitCode } from '../errors.js';
import { renderPrinciples } from '../formats/principles.js';
import { colorEnabled, type Io } from './io.js';
import { loadPolicyFor, type CommonOptions } from './shared.js';

export interface PrinciplesOptions extends CommonOptions {
  format: 'text' | 'json';
}

export async function principlesCommand(options: PrinciplesOptions, io: Io): Promise<number> {
  const loaded = await loadPolicyFor(options, io);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ file: loaded.file, hash: loaded.hash, principles: loaded.set }, null, 2)}\n`);
  } else {
    io.stdout.write(renderPrinciples(loaded.policy, loaded.file, colorEnabled(io.stdout, io.env, options.color)));
  }
  return ExitCode.ok;
}
