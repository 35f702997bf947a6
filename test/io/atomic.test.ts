import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TriageError } from '../../src/errors.js';
import { writeError, writeFileAtomically } from '../../src/io/atomic.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-atomic-'));
}

describe('writeFileAtomically', () => {
  it('leaves the old file and no temporary file when the write is abandoned before the rename', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'old\n');
    const error = await writeFileAtomically(file, Buffer.from('new\n'), {
      beforeRename: async () => {
        throw new Error('changed meanwhile');
      },
    }).catch((e: unknown) => e);
    expect(String(error)).toContain('changed meanwhile');
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['decisions.yaml']);
  });

  it('replaces the file whole', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'old\n');
    await writeFileAtomically(file, Buffer.from('new\n'));
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['decisions.yaml']);
  });

  it('says the folder is missing, and leaves nothing behind', async () => {
    const dir = folder();
    const error = await writeFileAtomically(join(dir, 'no', 'such.yaml'), Buffer.from('x')).catch((e: unknown) => e);
    expect((error as TriageError).message).toBe(`cannot write ${join(dir, 'no', 'such.yaml')}: its folder does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeError', () => {
  it('maps file-system errors to one line with a fix', () => {
    const full = writeError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'out.csv');
    expect([full.message, full.hint]).toEqual(['the disk is full while writing out.csv; nothing was written', 'free some space and run again']);
    const denied = writeError(Object.assign(new Error('x'), { code: 'EACCES' }), 'd.yaml', 'use --decisions');
    expect([denied.message, denied.hint]).toEqual(['no permission to write d.yaml', 'use --decisions']);
  });
});
