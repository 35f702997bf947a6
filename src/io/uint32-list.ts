/** A growing list of 32-bit counts: four bytes an entry, where an array of numbers takes eight or more. */
export class Uint32List {
  private array = new Uint32Array(1024);
  size = 0;

  push(value: number): void {
    if (this.size === this.array.length) {
      const bigger = new Uint32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.size++] = value;
  }

  at(index: number): number {
    return this.array[index] as number;
  }

  /** Replace the last entry. */
  setLast(value: number): void {
    this.array[this.size - 1] = value;
  }

  /** Empty it, keeping its room for the next use. */
  clear(): void {
    this.size = 0;
  }

  /** The entries so far, in an array of their own. */
  copy(): Uint32Array {
    return this.array.slice(0, this.size);
  }
}
