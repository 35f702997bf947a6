/**
 * The greedy order of capacity selection: items by value per share of the room they need, most
 * first, input order among equals. It fills what a stopped solve left (knapsack.ts) and finds
 * where the relaxation's window goes (reduce.ts). Pure.
 */

/**
 * `items` (indexes into item-major `value` and `size`, `dims` sizes an item) in that order. An
 * item that needs no room comes first.
 */
export function byDensity(value: Float64Array, size: Float64Array, room: ArrayLike<number>, items: readonly number[]): number[] {
  const dims = room.length;
  const density = (i: number): number => {
    let share = 0;
    for (let d = 0; d < dims; d++) share += (size[i * dims + d] as number) / Math.max(room[d] as number, 1e-12);
    return share > 0 ? (value[i] as number) / share : Number.POSITIVE_INFINITY;
  };
  return items
    .map((i) => ({ i, d: density(i) }))
    .sort((a, b) => b.d - a.d || a.i - b.i)
    .map((e) => e.i);
}
