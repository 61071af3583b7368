import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store/studio';
import { useAgentState } from './agent-state-store';
import { useNotifications } from './store';
import { dateTime } from '../../format';

type Obj = Record<string, unknown>;

const DIMS = ['valence', 'arousal', 'tension', 'affiliation'] as const;
const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const time = (v: unknown) => (typeof v === 'string' && v ? dateTime(v) : '—');

/** The mood's dimensions, named as the API's fields name them (`valence`, …). */
function MoodBars({ mood }: { mood: Obj }) {
  const { t } = useTranslation('notifications');
  return (
    <div className="mood-bars" aria-label={t('state.mood')}>
      {DIMS.map((d) => {
        const v = Number(mood[d]);
        return (
          <div key={d} className="mood-bar">
            <span className="mood-dim">{d}</span>
            <meter min={0} max={100} value={Number.isFinite(v) ? v : 0} aria-label={d} translate="no" />
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
  const { t } = useTranslation('notifications');
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
        {t('state.title')}{' '}
        {state && (
          <span className="muted">
            · <span translate="no">{state.agentName}</span> ·{' '}
            {state.userId ? <span translate="no">{state.userId}</span> : t('state.agentWide')}{' '}
            <span className={`badge badge-${state.isActive ? 'active' : 'inactive'}`}>
              {state.isActive ? t('state.active') : t('state.inactive')}
            </span>
          </span>
        )}
      </h2>
      {error && <p className="muted">{t('state.unavailable', { error })}</p>}
      {state && (
        <div className="agent-state-grid">
          <section aria-label={t('state.currentMood')}>
            <h3>
              {t('state.mood')} <code>{t('state.endpoint.mood')}</code>
            </h3>
            <p>
              <strong data-testid="mood-label" translate="no">
                {text(state.mood.label)}
              </strong>{' '}
              <span className="muted">{t('state.updated', { time: time(state.mood.updated_at) })}</span>
            </p>
            <MoodBars mood={state.mood} />
            {state.moodHistory.length > 0 && (
              <ol className="state-list" aria-label={t('state.moodHistory')}>
                {state.moodHistory.slice(0, 5).map((h, i) => (
                  <li key={i}>
                    {time(h.timestamp)} · {text(h.label)} · {text(h.trigger_type)}
                    {h.trigger_reason ? ` — ${text(h.trigger_reason)}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label={t('state.diary')}>
            <h3>
              {t('state.diary')} <code>{t('state.endpoint.diary')}</code>
            </h3>
            {state.diary.length === 0 ? (
              <p className="muted">{t('state.diaryEmpty')}</p>
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
          <section aria-label={t('state.breakthroughs')}>
            <h3>
              {t('state.breakthroughs')} <code>{t('state.endpoint.breakthroughs')}</code>
            </h3>
            {state.breakthroughs.length === 0 ? (
              <p className="muted">{t('state.breakthroughsEmpty')}</p>
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
          <section aria-label={t('state.schedules')}>
            <h3>
              {t('state.schedules')} <code>{t('state.endpoint.schedules')}</code>
            </h3>
            {state.schedules.length === 0 ? (
              <p className="muted">{t('state.schedulesEmpty')}</p>
            ) : (
              <ol className="state-list">
                {state.schedules.map(({ userId: u, schedule: s }) => (
                  <li key={text(s.schedule_id)}>
                    {u} · {text(s.intent)} · <code>{text(s.cadence)}</code> ·{' '}
                    {t('state.nextFire', { time: time(s.next_fire_at) })}
                    {s.enabled === false && <> {t('state.disabled')}</>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
      {state && (
        <details>
          <summary>{t('state.json')}</summary>
          <pre tabIndex={0} className="state-json">
            {JSON.stringify(state, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
