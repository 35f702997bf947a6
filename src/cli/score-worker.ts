/**
 * A worker thread of `triage score --jobs N` (score-jobs.ts starts them): it scores the
 * ranges it is sent with the same code as the main thread (score-piece.ts) and posts back
 * each range's bytes, moving its buffers rather than copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pieceRunner, type PieceRequest, type WorkerSetup } from './score-piece.js';

const runPiece = await pieceRunner(workerData as WorkerSetup);

// The main thread sends the next range before this one is done, so no time is lost waiting
// for it; ranges are still scored one at a time, in the order sent.
let queue = Promise.resolve();
parentPort?.on('message', (request: PieceRequest) => {
  queue = queue.then(async () => {
    const result = await runPiece(request);
    const moved = [result.bytes, result.lengths, result.places, result.idUnits, result.idEnds, result.shapes].map((array) => array.buffer as ArrayBuffer);
    parentPort?.postMessage(result, moved);
  });
});
