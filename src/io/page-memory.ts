/**
 * Memory for a big buffer that is dropped while the process goes on (a table outgrown, a file
 * read whole), in pages V8 maps and unmaps itself rather than from malloc.
 *
 * glibc gives a request of 128 KB or more a mapping of its own, and unmaps it when it is freed;
 * but a free of such a chunk raises that threshold to the chunk's size, and the threshold for
 * giving back the free memory at the top of an arena to twice that (mallopt(3),
 * M_MMAP_THRESHOLD). From then on every buffer under the new threshold comes from an arena,
 * and each thread's arena keeps what is freed in it. The 2.5 MB bundle read at start-up, and the
 * 4 MB id table given up at half a million ids, were such chunks: `score --jobs 2` over 1M rows
 * peaked at 158-162 MB with them and at 141-142 MB without. V8 maps a resizable ArrayBuffer's
 * memory itself and unmaps it when the buffer is collected, without glibc. Reading and writing
 * one is a little slower in optimised code (within the noise of a 1M-row run), so it is for
 * buffers that are big and few, not for every buffer.
 */

/** ES2024's resizable ArrayBuffer, which Node 20 has (the project's types are ES2023's). */
const Resizable = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;

/** Below this glibc's first threshold for a mapping of its own, a buffer is malloc's as usual. */
const MAPPED_BYTES = 128 * 1024;

/** An ArrayBuffer of `bytes` (zeroed), in pages of its own when it is big. */
export function pageMemory(bytes: number): ArrayBuffer {
  return bytes < MAPPED_BYTES ? new ArrayBuffer(bytes) : new Resizable(bytes, { maxByteLength: bytes });
}
