/**
 * What a run has found wanting so far: an invalid item, an item that meets `--fail-on`, a
 * validation error. The run's exit code says so at the end; this is for a run that ends
 * before it finishes because standard output closed (`triage score ... | head -1`). Such a
 * run stops at once and still exits 1 if anything read before that moment was found wanting
 * (items it never read cannot count), else 0.
 */
let found = false;

/** Note that the input read so far has been found wanting. */
export function noteFinding(): void {
  found = true;
}

/** Whether anything read so far was found wanting. */
export function foundSoFar(): boolean {
  return found;
}

/** A new run starts with nothing found. */
export function resetFindings(): void {
  found = false;
}
