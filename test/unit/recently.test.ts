import { afterEach, describe, expect, it, vi } from 'vitest';
import { recently } from '../../src/db/recently.js';

afterEach(() => vi.useRealTimers());

describe('recently', () => {
  it('reads a key once while it is trusted, again after, and never keeps what it is told to refuse', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const reads: string[] = [];
    const lookup = recently(
      1000,
      async (key) => {
        reads.push(key);
        return key === 'missing' ? null : `row ${key}`;
      },
      (v) => v !== null,
    );
    expect(await lookup('a')).toBe('row a');
    expect(await lookup('a')).toBe('row a');
    expect(await lookup('missing')).toBeNull();
    expect(await lookup('missing')).toBeNull();
    vi.advanceTimersByTime(999);
    expect(await lookup('a')).toBe('row a');
    vi.advanceTimersByTime(1);
    expect(await lookup('a')).toBe('row a');
    expect(reads).toEqual(['a', 'missing', 'missing', 'a']);
  });
});
