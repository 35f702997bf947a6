/**
 * What to undo when the process ends before its own `finally` can: temporary files, the run's
 * temporary folder, a decisions lock. Ctrl-C (SIGINT), SIGTERM (a CI runner, `kill`) and SIGHUP
 * (the terminal closed, the SSH session dropped) would otherwise end the process at once and
 * leave them behind. On any of the three every registered cleanup runs, then the signal is
 * raised again with no listener left, so the process ends as that signal ends it and the shell
 * reports 128 + its number: 130, 143 and 129. They also run when the process exits early.
 *
 * Where another part of the program listens for the signal itself (`review` turns Ctrl-C into
 * the orderly end of its session), that part decides: the cleanups are left to the normal
 * flow, which runs them in its `finally`.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

/** Run `cleanup` (synchronous, must not throw) if the process ends first. Returns the release. */
export function untilDone(cleanup: () => void): () => void {
  if (cleanups.size === 0) listen();
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup)) return;
    if (cleanups.size === 0) stopListening();
  };
}

function listen(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', runAll);
}

function stopListening(): void {
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  process.removeListener('exit', runAll);
}

function runAll(): void {
  const pending = [...cleanups];
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // One cleanup failing must not keep the others from running.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else handles this signal and carries on: leave the cleanups to the normal flow.
  if (process.listenerCount(signal) > 1) return;
  runAll();
  stopListening();
  // With no listener left the signal's default action applies: the process ends by it.
  process.kill(process.pid, signal);
}

/** True when a process with this id exists (even one we may not signal). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
