/**
 * A principle set loaded again in the same process is not parsed again, yet behaves as if it
 * were: each load has a set of its own (changing one changes no other), the same hash and
 * policy, and a set that fails its checks fails every time, with the same finding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidFileError, principlesFromBytes } from '../../src/principles/load.js';

const BYTES = readFileSync('principles/union.yaml');

describe('principle sets loaded twice', () => {
  it('each load has its own set, equal to the first, with the same hash and routes', () => {
    const first = principlesFromBytes(BYTES, 'union.yaml');
    const label = first.set.routes[0]!.label;
    first.set.routes[0]!.label = 'Changed by the first caller';
    const second = principlesFromBytes(BYTES, 'union.yaml');
    expect(second.set).not.toBe(first.set);
    expect(second.set.routes[0]!.label).toBe(label);
    expect(second.hash).toBe(first.hash);
    expect([...second.policy.routes.keys()]).toEqual([...first.policy.routes.keys()]);
    expect(second.source).toBe(first.source);
  });

  it('keeps the name a set is shown under apart: the same bytes under another name are checked as that name', () => {
    const named = principlesFromBytes(BYTES, 'other.yaml');
    expect(named.file).toBe('other.yaml');
  });

  it('a set that fails fails again, with the same finding', () => {
    const bad = Buffer.from('version: 1\norganisation: Test\nroutes: nope\n');
    const message = (): string => {
      try {
        principlesFromBytes(bad, 'bad.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidFileError);
        return (error as Error).message;
      }
      return 'no error';
    };
    const once = message();
    expect(once).not.toBe('no error');
    expect(message()).toBe(once);
  });
});
