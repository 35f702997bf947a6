import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDecisions } from '../../src/decisions/load.js';
import { DecisionStore } from '../../src/decisions/store.js';
import { TriageError } from '../../src/errors.js';
import { unionPolicy } from '../helpers/policy.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-store-'));
}

/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const HAND_WRITTEN = `# Decisions for the March portfolio board.
decisions:
  # Agreed at the board on 3 March.
  - { id: WI-12, route: union, rationale: The board backs a single platform. }
  - id: WI-13 # carers
    route: council
    rationale: The council holds the contracts.   # see minutes
`;

describe('DecisionStore', () => {
  it('treats a missing file as empty, and creates it on the first save', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    const store = await DecisionStore.open(file, { policy: unionPolicy() });
    expect(store.list()).toEqual([]);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await store.save({
      id: 'WI-12',
      route: 'union',
      recommended: 'review',
      answers: { 'quantitative-evidence': true },
      by: 'Asha',
      at: '2025-03-04T09:00:00.000Z',
      fingerprint: 'v1:1ddf5a5dc25aa0',
    });
    await store.close();
    expect(readFileSync(file, 'utf8')).toBe(`# Decisions made with \`triage review\`: a person chose each route, and why.
# \`triage score --decisions <this file>\` applies them.

decisions:
  - id: WI-12
    route: union
    recommended: review
    answers:
      quantitative-evidence: true
    by: Asha
    at: 2025-03-04T09:00:00.000Z
    fingerprint: v1:1ddf5a5dc25aa0
`);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['decisions.yaml']);
  });

  it('keeps the comments people wrote, replacing and adding decisions', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, HAND_WRITTEN);
    const store = await DecisionStore.open(file, { policy: unionPolicy() });
    expect(store.get('WI-13')).toEqual({ id: 'WI-13', route: 'council', rationale: 'The council holds the contracts.' });
    await store.save({ id: 'WI-14', route: 'ccg', by: 'Asha' });
    await store.save({ id: 'WI-12', route: 'council', rationale: 'Council IT will run it.', by: 'Asha' });
    await store.close();
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`# Decisions for the March portfolio board.
decisions:
  # Agreed at the board on 3 March.
  - id: WI-12
    route: council
    rationale: Council IT will run it.
    by: Asha
  - id: WI-13 # carers
    route: council
    rationale: The council holds the contracts. # see minutes
  - id: WI-14
    route: ccg
    by: Asha
`);
    expect(checkDecisions(text, 'd.yaml').decisions?.map((d) => d.id)).toEqual(['WI-12', 'WI-13', 'WI-14']);
  });

  it('finds a decision whose id the file writes in NFD, and replaces it rather than adding a second', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'decisions:\n  - id: "CAFE\u0301-1"\n    route: council\n    rationale: first\n');
    const store = await DecisionStore.open(file, { policy: unionPolicy() });
    expect(store.get('CAF\u00c9-1')?.rationale).toBe('first');
    await store.save({ id: 'CAF\u00c9-1', route: 'union', rationale: 'second' });
    await store.close();
    expect(readFileSync(file, 'utf8')).toBe('decisions:\n  - id: CAF\u00c9-1\n    route: union\n    rationale: second\n');
    expect(checkDecisions(readFileSync(file, 'utf8'), file).decisions?.map((d) => d.id)).toEqual(['CAF\u00c9-1']);
  });

  it('keeps a saved id in NFC, as it is read back', async () => {
    const file = join(folder(), 'decisions.yaml');
    const store = await DecisionStore.open(file, { policy: unionPolicy() });
    // U+F900, a CJK compatibility ideograph, is U+8C48 in NFC.
    await store.save({ id: '\uf900', route: 'union' });
    expect(store.list().map((d) => d.id)).toEqual(['\u8c48']);
    await store.close();
    expect(checkDecisions(readFileSync(file, 'utf8'), file).decisions?.map((d) => d.id)).toEqual(['\u8c48']);
  });

  it('counts NFC and NFD spellings of one id as two decisions for one item', () => {
    const check = checkDecisions('decisions:\n  - { id: "CAF\u00c9-1", route: union }\n  - { id: "CAFE\u0301-1", route: council }\n', 'd.yaml');
    expect(check.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['decisions/duplicate-id', 3, 11]]);
  });

  it('refuses to overwrite a file someone else changed during the session', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, HAND_WRITTEN);
    const store = await DecisionStore.open(file);
    const edited = HAND_WRITTEN.replace('route: council', 'route: ccg');
    writeFileSync(file, edited);
    const error = await store.save({ id: 'WI-14', route: 'ccg' }).catch((e: unknown) => e);
    await store.close();
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).message).toBe(`${file} was changed by someone else during this session, so the decision for "WI-14" was not saved`);
    expect((error as TriageError).exitCode).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readdirSync(dir)).toEqual(['decisions.yaml']);
  });

  it('keeps a second session out while the first holds the lock, and lets it in after', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    const first = await DecisionStore.open(file);
    const error = await DecisionStore.open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).message).toBe(`${file} is open in another triage review session (process ${process.pid})`);
    expect((error as TriageError).hint).toBe(`finish that session first; if none is running, delete ${file}.lock`);
    expect((error as TriageError).exitCode).toBe(2);
    await first.close();
    const second = await DecisionStore.open(file);
    await second.close();
  });

  it('takes over a lock left by a session that has ended', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(`${file}.lock`, `${deadPid()}\n`);
    const store = await DecisionStore.open(file);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('saves through a link to the file it points to: the link stays, the lock sits beside the target', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'shared'));
    const target = join(dir, 'shared', 'decisions.yaml');
    writeFileSync(target, 'decisions: []\n');
    const link = join(dir, 'mine.yaml');
    symlinkSync('shared/decisions.yaml', link);
    const store = await DecisionStore.open(link);
    expect(existsSync(`${target}.lock`)).toBe(true);
    // A second session through the other name finds the same lock.
    const other = await DecisionStore.open(target, { pid: 1 }).catch((e: unknown) => e);
    expect((other as TriageError).message).toBe(`${target} is open in another triage review session (process ${process.pid})`);
    await store.save({ id: 'WI-12', route: 'council', rationale: 'The council holds the contracts.' });
    await store.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('decisions:\n  - id: WI-12\n    route: council\n    rationale: The council holds the contracts.\n');
    expect([readdirSync(dir).sort(), readdirSync(join(dir, 'shared'))]).toEqual([['mine.yaml', 'shared'], ['decisions.yaml']]);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a decisions file the user may not write before the session starts', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'decisions: []\n');
    chmodSync(file, 0o444);
    const error = await DecisionStore.open(file).catch((e: unknown) => e);
    expect((error as TriageError).message).toBe(`cannot write ${file}: you do not have permission to write it`);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('refuses an invalid decisions file and lets go of the lock', async () => {
    const dir = folder();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'decisions:\n  - { id: WI-12, route: nowhere }\n');
    const error = await DecisionStore.open(file, { policy: unionPolicy() }).catch((e: unknown) => e);
    expect((error as TriageError).message).toMatch(/names route "nowhere", which the principle set does not declare/);
    expect((error as TriageError).exitCode).toBe(2);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('says so when the folder does not exist', async () => {
    const file = join(folder(), 'missing', 'decisions.yaml');
    const error = await DecisionStore.open(file).catch((e: unknown) => e);
    expect((error as TriageError).message).toBe(`cannot write decisions to ${file}: its folder does not exist`);
  });
});
