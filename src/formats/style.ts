/** Colours and number formats shared by the terminal formats. */
import { Chalk, type ChalkInstance } from 'chalk';
import { printable } from '../core/printable.js';
import type { Classification } from '../core/types.js';

/** A chalk that colours only when allowed (level 0 prints plain text). */
export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

const ROUTE_COLOURS: Record<string, (c: ChalkInstance) => ChalkInstance> = {
  union: (c) => c.magenta.bold,
  council: (c) => c.blue,
  ccg: (c) => c.green,
  individual: (c) => c.cyan,
  review: (c) => c.yellow.bold,
};

/** Paint a route's text in its colour (routes a set adds itself stay plain). */
export function paintRoute(c: ChalkInstance, route: string, text: string): string {
  const colour = Object.hasOwn(ROUTE_COLOURS, route) ? ROUTE_COLOURS[route] : undefined;
  return colour ? colour(c)(text) : text;
}

/** Short, readable names for classifications in narrow views. */
export const CLASSIFICATION_SHORT: Record<Classification, string> = {
  transformational: 'transformational',
  borderline: 'borderline',
  'business-as-usual': 'BAU',
};

export function paintClassification(c: ChalkInstance, classification: Classification, text: string): string {
  if (classification === 'transformational') return c.bold(text);
  if (classification === 'borderline') return c.yellow(text);
  return c.dim(text);
}

/** A bar of `width` cells for a 0-100 score. */
export function bar(score: number, width = 10): string {
  const filled = Math.round((Math.max(0, Math.min(100, score)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Shorten text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  const flat = printable(text.replace(/\s+/g, ' ').trim());
  if (max <= 1) return flat.slice(0, Math.max(0, max));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// One formatter for the run: `toLocaleString` with options builds a new one on every call,
// which cost more than the rest of an HTML row together.
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Numbers people read: 12,500 and 3.5. */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}
