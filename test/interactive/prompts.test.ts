/**
 * The real prompter on stand-in streams: what it shows of a question is printable, and what
 * it gives back is what the flow offered.
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalPrompter } from '../../src/interactive/prompts.js';

const OSC = '\u001b]0;pwned\u0007';

function terminal(): { prompter: ReturnType<typeof terminalPrompter>; press: (keys: string) => void; shown: () => string } {
  let shown = '';
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      shown += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  return { prompter: terminalPrompter({ input, output, color: false }), press: (keys) => setTimeout(() => input.write(keys), 20), shown: () => shown };
}

describe('terminalPrompter', () => {
  it('shows a default rationale from the decisions file escaped, and Enter gives it back as it was', async () => {
    const t = terminal();
    const answer = t.prompter.input({ message: 'Rationale:', default: `agreed ${OSC} at the board` });
    t.press('\r');
    expect(await answer).toBe(`agreed ${OSC} at the board`);
    expect(t.shown()).toContain('? Rationale: (agreed \\u001b]0;pwned\\u0007 at the board)');
    expect(t.shown()).not.toContain(OSC);
  });

  it('checks the default as it was, not its escaped form', async () => {
    const t = terminal();
    const seen: string[] = [];
    const answer = t.prompter.input({ message: 'Why?', default: `x${OSC}`, validate: (value) => (seen.push(value), true) });
    t.press('\r');
    expect(await answer).toBe(`x${OSC}`);
    expect(seen).toEqual([`x${OSC}`]);
  });

  it('shows choice names and messages escaped, and returns the value chosen', async () => {
    const t = terminal();
    const answer = t.prompter.select({
      message: `Route for R${OSC}?`,
      choices: [
        { value: 'a', name: `Team\u200b A` },
        { value: 'b', name: 'B' },
      ],
    });
    t.press('\r');
    expect(await answer).toBe('a');
    expect(t.shown()).toContain('Route for R\\u001b]0;pwned\\u0007?');
    expect(t.shown()).toContain('Team\\u200b A');
    expect(t.shown()).not.toContain(OSC);
  });
});
