import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptList } from '../../../src/renderer/src/features/deliveries/AttemptList';
import { summary } from './fixtures';

// happy-dom has no layout: give every element a 800×600 client box, like a window.
const saved = ['clientHeight', 'clientWidth'].map(
  (k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const,
);
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  for (const [k, d] of saved)
    if (d) Object.defineProperty(HTMLElement.prototype, k, d);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[k];
});

describe('AttemptList', () => {
  it('keeps the DOM small with 100,000 attempts: only the rows in view are rendered', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => summary(i));
    render(
      <AttemptList
        rows={rows}
        selectedId={null}
        cursor={0}
        onCursor={() => {}}
        onOpen={() => {}}
        onNearEnd={() => {}}
      />,
    );
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(60);
    expect(options[0].textContent).toContain('agent.wakeup');
    // The scroll area is as tall as all rows, so the scrollbar is honest.
    const inner = screen.getByTestId('attempt-list').firstElementChild as HTMLElement;
    expect(inner.style.height).toBe(`${100_000 * 34}px`);
  });

  it('marks failed attempts and "no response" distinctly', () => {
    render(
      <AttemptList
        rows={[summary(3), summary(1), summary(6, { responseCode: 0, errorMessage: 'ECONNREFUSED' })]}
        selectedId="att_1"
        cursor={0}
        onCursor={() => {}}
        onOpen={() => {}}
        onNearEnd={() => {}}
      />,
    );
    const [a, b, c] = screen.getAllByRole('option');
    expect(a.querySelector('.dl-code')?.className).toContain('tone-bad');
    expect(b.getAttribute('aria-selected')).toBe('true');
    expect(c.textContent).toContain('no response');
  });
});
