import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDuration } from '../../../../shared/duration';
import { useStudio } from '../../store/studio';
import { durationProblem, useNotifications } from './store';

/** Schedules a wakeup the way `POST /agents/{id}/wakeups` does, on the studio clock. */
export function ScheduleWakeupForm() {
  const { t } = useTranslation('notifications');
  const { projectId, agents, act, busy } = useNotifications();
  const [agentId, setAgentId] = useState('');
  const [userId, setUserId] = useState('user_demo');
  const [checkType, setCheckType] = useState('interest_check');
  const [intent, setIntent] = useState('ask how the week went');
  const [delay, setDelay] = useState('2h');
  /** The delay the form refused, if it did; worded when shown. */
  const [refused, setRefused] = useState<string | null>(null);
  const error = refused === null ? null : durationProblem(refused);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const d = parseDuration(delay);
    if (!d.ok) return setRefused(delay);
    setRefused(null);
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
    <form className="schedule-form" onSubmit={submit} aria-label={t('schedule.title')}>
      <label>
        {t('schedule.agent')}
        <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <option value="">{t('schedule.firstAgent')}</option>
          {agents.map((a) => (
            <option key={a.agentId} value={a.agentId} translate="no">
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('schedule.user')}
        <input value={userId} onChange={(e) => setUserId(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t('schedule.checkType')}
        <input value={checkType} onChange={(e) => setCheckType(e.target.value)} required maxLength={100} />
      </label>
      <label className="grow">
        {t('schedule.intent')}
        <input value={intent} onChange={(e) => setIntent(e.target.value)} required maxLength={2000} />
      </label>
      <label>
        {t('schedule.in')}
        <input value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <button type="submit" disabled={busy}>
        {t('schedule.submit')}
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
