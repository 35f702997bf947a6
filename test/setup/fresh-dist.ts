/**
 * Global setup of the projects that spawn the built bin (e2e, slow): rebuild dist/ first when
 * it is older than src/, so `npx vitest run` never tests a stale build.
 */
import { rebuild, staleDist } from '../helpers/dist.js';

export default function setup(): void {
  const why = staleDist();
  if (why === undefined) return;
  process.stderr.write(`dist/ is stale (${why}): rebuilding\n`);
  rebuild();
  const still = staleDist();
  if (still !== undefined) throw new Error(`dist/ is still stale after a rebuild: ${still}`);
}
