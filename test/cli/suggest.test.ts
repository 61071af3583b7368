import { describe, expect, it } from 'vitest';
import { splitAddArgs } from '../../src/cli/commands/webhooks';
import { COMMANDS, commandName } from '../../src/cli/commands/registry';
import { buildProgram } from '../../src/cli/program';
import { didYouMean, editDistance } from '../../src/cli/suggest';

describe('did you mean', () => {
  it('measures edits, a swap of neighbours counting one', () => {
    expect(editDistance('agent.mesage', 'agent.message')).toBe(1);
    expect(editDistance('agent.mood_chnage', 'agent.mood_change')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests the nearest names and nothing for a word far from all', () => {
    const names = ['agent.message', 'agent.mood_change', 'agent.memory_added', 'on_mood_updated'];
    expect(didYouMean('agent.mesage', names)[0]).toBe('agent.message');
    expect(didYouMean('AGENT.MESSAGE', names)[0]).toBe('agent.message');
    expect(didYouMean('billing.invoice_paid', names)).toEqual([]);
  });
});

describe('webhooks add arguments', () => {
  it('takes the last word as the URL and every word before as a type', () => {
    expect(splitAddArgs(['a.b', 'c.d', 'a.b', 'http://x/y'])).toEqual({ types: ['a.b', 'c.d'], url: 'http://x/y' });
    expect(() => splitAddArgs(['http://x/y'])).toThrow(/one or more event types/);
    expect(() => splitAddArgs(['a.b', 'c.d'])).toThrow(/last word must be the webhook URL/);
    expect(() => splitAddArgs(['http://x/a', 'a.b', 'http://x/y'])).toThrow(/one URL per call/);
  });
});

describe('commands loaded on demand', () => {
  it('names every command of the full program, and finds the command in an argv', () => {
    const full = buildProgram()
      .commands.map((c) => c.name())
      .sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(full);
    expect(commandName(['node', 'cli', '--version'])).toBeUndefined();
    expect(commandName(['node', 'cli', 'webhooks', 'list', '--json'])).toBe('webhooks');
  });
});
