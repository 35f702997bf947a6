/**
 * Global setup of the unit project: its tests import src/ directly, so only the modules
 * scripts/build-schema.mjs generates into src/ must be current; regenerate them when stale.
 */
import { rebuild, staleGenerated } from '../helpers/dist.js';

export default function setup(): void {
  const why = staleGenerated();
  if (why === undefined) return;
  process.stderr.write(`generated modules are stale (${why}): regenerating\n`);
  rebuild('generated');
}
