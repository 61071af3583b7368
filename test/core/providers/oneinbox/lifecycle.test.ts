/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of the mock API, read field by field */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/events/prng';
import { planCall } from '../../../../src/core/providers/oneinbox/lifecycle';
import { languageOf } from '../../../../src/core/providers/oneinbox/service';

const facts = {
  call_id: 'call_abc123',
  agent_id: 'agt_abc123',
  to_number: '+919876543210',
  from_number: '+15739693824',
};

/** The documented payloads' keys and value types, in the docs' order (seed 004). */
const DOCUMENTED: Record<string, [string, string][]> = {
  'call.started': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['agent_id', 'string'],
    ['to_number', 'string'],
    ['from_number', 'string'],
    ['created_at', 'string'],
  ],
  'call.ended': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['agent_id', 'string'],
    ['status', 'string'],
    ['duration_seconds', 'number'],
    ['to_number', 'string'],
    ['from_number', 'string'],
    ['outcome', 'string'],
    ['ai_summary', 'string'],
    ['analysis', 'object'],
  ],
  'call.analyzed': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['agent_id', 'string'],
    ['outcome', 'string'],
    ['ai_summary', 'string'],
  ],
  'call.failed': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['agent_id', 'string'],
    ['to_number', 'string'],
    ['from_number', 'string'],
    ['reason', 'string'],
  ],
  'call.recording.available': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['recording_url', 'string'],
  ],
  'transcript.partial': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['messages', 'object'],
  ],
  'transcript.final': [
    ['event', 'string'],
    ['call_id', 'string'],
    ['messages', 'object'],
  ],
};

function shapeOf(p: Record<string, unknown>): [string, string][] {
  return Object.entries(p).map(([k, v]) => [k, typeof v]);
}

describe('a simulated call (pure plan)', () => {
  it('runs the documented order with the documented payloads, field for field', () => {
    for (const lang of ['en', 'ja', 'zh'] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const plan = planCall({ ...facts, language: lang, fail: null }, Date.UTC(2026, 5, 1, 10), createRng(seed));
        const types = plan.map((e) => e.eventType);
        expect(types[0]).toBe('call.started');
        const ended = types.indexOf('call.ended');
        expect(types.slice(1, ended).every((t) => t === 'transcript.partial')).toBe(true);
        expect(ended - 1).toBeGreaterThanOrEqual(2);
        expect(types.slice(ended)).toEqual([
          'call.ended',
          'transcript.final',
          'call.analyzed',
          'call.recording.available',
        ]);
        for (let i = 1; i < plan.length; i++) expect(plan[i]!.at).toBeGreaterThan(plan[i - 1]!.at);
        for (const e of plan) {
          expect(shapeOf(e.payload)).toEqual(DOCUMENTED[e.eventType]);
          expect(e.payload.event).toBe(e.eventType);
        }
        const end = plan[ended]!.payload as any;
        expect(end.status).toBe('completed');
        expect(Number.isInteger(end.duration_seconds)).toBe(true);
        expect(end.analysis).toEqual({ summary: end.ai_summary });
        const started = plan[0]!.payload as any;
        expect(new Date(started.created_at).toISOString()).toBe(started.created_at);
        // Partial transcripts grow; the final one holds them all.
        const partials = plan
          .filter((e) => e.eventType === 'transcript.partial')
          .map((e) => (e.payload as any).messages);
        const final = (plan.find((e) => e.eventType === 'transcript.final')!.payload as any).messages;
        for (const m of partials) expect(final.slice(0, m.length)).toEqual(m);
        for (const m of final) {
          expect(['agent', 'user']).toContain(m.role);
          expect(m.content.length).toBeGreaterThan(0);
          expect(m.content).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });

  it('writes transcripts in the call’s language (ja / zh / en, from the number called)', () => {
    expect(languageOf('+819012345678')).toBe('ja');
    expect(languageOf('+8613800138000')).toBe('zh');
    expect(languageOf('+919876543210')).toBe('en');
    const text = (lang: 'en' | 'ja' | 'zh') =>
      planCall({ ...facts, language: lang, fail: null }, 0, createRng(1))
        .flatMap((e) => ((e.payload as any).messages ?? []) as { content: string }[])
        .map((m) => m.content)
        .join('');
    expect(text('ja')).toMatch(/[\u3040-\u30ff]/); // kana
    expect(text('zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(text('zh')).not.toMatch(/[\u3040-\u30ff]/);
    expect(text('en')).toMatch(/^[\x20-\x7e’]+$/);
  });

  it('a failing call sends only call.failed with its reason; the same seed gives the same call', () => {
    const plan = planCall({ ...facts, language: 'en', fail: 'no-answer' }, 1_000, createRng('x'));
    expect(plan.map((e) => e.eventType)).toEqual(['call.failed']);
    expect(plan[0]!.payload).toEqual({ event: 'call.failed', ...facts, reason: 'no-answer' });
    expect(shapeOf(plan[0]!.payload)).toEqual(DOCUMENTED['call.failed']);
    const a = planCall({ ...facts, language: 'ja', fail: null }, 0, createRng('same'));
    const b = planCall({ ...facts, language: 'ja', fail: null }, 0, createRng('same'));
    expect(a).toEqual(b);
  });
});
