import { useEffect } from 'react';
import { useStudio } from '../../store/studio';
import { useAgentState } from './agent-state-store';
import { useNotifications } from './store';
import { dateTime } from '../../format';

type Obj = Record<string, unknown>;

const DIMS = ['valence', 'arousal', 'tension', 'affiliation'] as const;
const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const time = (v: unknown) => (typeof v === 'string' && v ? dateTime(v) : '—');

function MoodBars({ mood }: { mood: Obj }) {
  return (
    <div className="mood-bars" aria-label="Mood">
      {DIMS.map((d) => {
        const v = Number(mood[d]);
        return (
          <div key={d} className="mood-bar">
            <span className="mood-dim">{d}</span>
            <meter min={0} max={100} value={Number.isFinite(v) ? v : 0} aria-label={d} />
            <span className="mood-val" data-testid={`mood-${d}`}>
              {Number.isFinite(v) ? v : '—'}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * The agent's state as the mock API returns it — getMood, getMoodHistory, getDiary,
 * listBreakthroughs, listSchedules — for the agent and user chosen above; it refetches
 * when the studio says something changed (a mood, diary or breakthrough event fired, a
 * schedule came due).
 */
export function AgentStatePanel() {
  const client = useStudio((s) => s.client);
  const { projectId, agentId, userId } = useNotifications();
  const { state, error, load } = useAgentState();

  useEffect(() => {
    if (!client) return;
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('proactive.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 150);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client, load, projectId, agentId, userId]);

  return (
    <div className="card wide agent-state" data-testid="agent-state">
      <h2>
        Agent state{' '}
        {state && (
          <span className="muted">
            · {state.agentName}
            {state.userId ? ` · ${state.userId}` : ' · agent-wide'}{' '}
            <span className={`badge badge-${state.isActive ? 'active' : 'inactive'}`}>
              {state.isActive ? 'active' : 'inactive'}
            </span>
          </span>
        )}
      </h2>
      {error && <p className="muted">Agent state unavailable: {error}</p>}
      {state && (
        <div className="agent-state-grid">
          <section aria-label="Current mood">
            <h3>
              Mood <code>GET /agents/&#123;id&#125;/mood</code>
            </h3>
            <p>
              <strong data-testid="mood-label">{text(state.mood.label)}</strong>{' '}
              <span className="muted">updated {time(state.mood.updated_at)}</span>
            </p>
            <MoodBars mood={state.mood} />
            {state.moodHistory.length > 0 && (
              <ol className="state-list" aria-label="Mood history">
                {state.moodHistory.slice(0, 5).map((h, i) => (
                  <li key={i}>
                    {time(h.timestamp)} · {text(h.label)} · {text(h.trigger_type)}
                    {h.trigger_reason ? ` — ${text(h.trigger_reason)}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label="Diary">
            <h3>
              Diary <code>GET /agents/&#123;id&#125;/diary</code>
            </h3>
            {state.diary.length === 0 ? (
              <p className="muted">No entries: fire on_diary_generated or POST a backend event.</p>
            ) : (
              <ol className="state-list">
                {state.diary.map((d) => (
                  <li key={text(d.entry_id)}>
                    <strong>{text(d.date)}</strong> {text(d.title)} — {text(d.content)}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label="Breakthroughs">
            <h3>
              Breakthroughs <code>GET /agents/&#123;id&#125;/breakthroughs</code>
            </h3>
            {state.breakthroughs.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ol className="state-list">
                {state.breakthroughs.map((b) => (
                  <li key={text(b.breakthrough_id)}>
                    #{text(b.breakthrough_number)} {text(b.narrative)}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label="Schedules">
            <h3>
              Schedules <code>…/users/&#123;userId&#125;/schedules</code>
            </h3>
            {state.schedules.length === 0 ? (
              <p className="muted">No recurring schedules.</p>
            ) : (
              <ol className="state-list">
                {state.schedules.map(({ userId: u, schedule: s }) => (
                  <li key={text(s.schedule_id)}>
                    {u} · {text(s.intent)} · <code>{text(s.cadence)}</code> · next {time(s.next_fire_at)}
                    {s.enabled === false ? ' (disabled)' : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
      {state && (
        <details>
          <summary>As the API returns it (JSON)</summary>
          <pre tabIndex={0} className="state-json">
            {JSON.stringify(state, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
