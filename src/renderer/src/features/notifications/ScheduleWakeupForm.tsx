import { useState } from 'react';
import { parseDuration } from '../../../../shared/duration';
import { useStudio } from '../../store/studio';
import { useNotifications } from './store';

/** Schedules a wakeup the way `POST /agents/{id}/wakeups` does, on the studio clock. */
export function ScheduleWakeupForm() {
  const { projectId, agents, act, busy } = useNotifications();
  const [agentId, setAgentId] = useState('');
  const [userId, setUserId] = useState('user_demo');
  const [checkType, setCheckType] = useState('interest_check');
  const [intent, setIntent] = useState('ask how the week went');
  const [delay, setDelay] = useState('2h');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const d = parseDuration(delay);
    if (!d.ok) return setError(d.error);
    setError(null);
    void act(() =>
      useStudio.getState().client!.call('wakeups.schedule', {
        ...(projectId ? { projectId } : {}),
        ...(agentId ? { agentId } : {}),
        userId,
        checkType,
        intent,
        delayMs: d.ms,
      }),
    );
  };

  return (
    <form className="schedule-form" onSubmit={submit} aria-label="Schedule a wakeup">
      <label>
        Agent
        <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <option value="">First agent</option>
          {agents.map((a) => (
            <option key={a.agentId} value={a.agentId}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        User
        <input value={userId} onChange={(e) => setUserId(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Check type
        <input value={checkType} onChange={(e) => setCheckType(e.target.value)} required maxLength={100} />
      </label>
      <label className="grow">
        Intent
        <input value={intent} onChange={(e) => setIntent(e.target.value)} required maxLength={2000} />
      </label>
      <label>
        In
        <input value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <button type="submit" disabled={busy}>
        Schedule
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
