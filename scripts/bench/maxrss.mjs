/**
 * Preloaded into a measured child (`node --import`): on exit, writes the process's peak
 * resident set size in kilobytes to the file named by BENCH_RSS_FILE. Works wherever Node
 * runs, unlike `/usr/bin/time -v`.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
