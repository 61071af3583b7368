import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Confirm } from '../api-ui/Confirm';
import { Pager } from './Pager';
import { DataTable } from '../../components/DataTable';
import { useStudio } from '../../store/studio';
import { AgentStatePanel } from './AgentStatePanel';
import { ClockCard } from './ClockCard';
import { ScheduleWakeupForm } from './ScheduleWakeupForm';
import { useNotifications } from './store';
import './notifications.css';
import { count, dateTime, relativeTime } from '../../format';

const time = (iso: string | null) => dateTime(iso);
const code = { code: <code /> };

type Status = 'pending' | 'consumed' | 'acknowledged' | 'executed';

function Badge({ status }: { status: Status }) {
  const { t } = useTranslation('notifications');
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

/** Agent notifications, wakeups and project notifications, with the clock that drives them. */
export function NotificationsView() {
  const { t } = useTranslation('notifications');
  const client = useStudio((s) => s.client);
  const { overview, projects, agents, projectId, agentId, userId, error, busy, setFilter, load, act } =
    useNotifications();

  useEffect(() => {
    if (!client) return;
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Live: refetch (debounced) when the studio says something changed, and every 5 s for the clock.
    const off = client.on('proactive.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 150);
    });
    const tick = setInterval(() => void load(), 5000);
    return () => {
      off();
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [client, load]);

  const call = useStudio.getState().client;
  const counts = overview?.counts;
  const [confirm, setConfirm] = useState<'consume' | 'acknowledge' | null>(null);
  const clockNow = overview?.clock.now;
  const plural = (n: number | undefined) => ({ count: n ?? 0, n: count(n ?? 0) });
  const pendingOf = (pending: number | undefined, total: number | undefined) =>
    t('pendingOf', { pending: count(pending ?? 0), total: count(total ?? 0) });
  const scope = {
    ...(projectId ? { projectId } : {}),
    ...(agentId ? { agentId } : {}),
  };

  return (
    <section className="area notifications">
      <header className="area-head">
        <h1>{t('title')}</h1>
        <div className="filters">
          <select
            aria-label={t('filters.project')}
            value={projectId ?? ''}
            onChange={(e) => setFilter({ projectId: e.target.value })}
          >
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId} translate="no">
                {p.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t('filters.agent')}
            value={agentId}
            onChange={(e) => setFilter({ agentId: e.target.value })}
          >
            <option value="">{t('filters.allAgents')}</option>
            {agents.map((a) => (
              <option key={a.agentId} value={a.agentId} translate="no">
                {a.name}
              </option>
            ))}
          </select>
          <select aria-label={t('filters.user')} value={userId} onChange={(e) => setFilter({ userId: e.target.value })}>
            <option value="">{t('filters.allUsers')}</option>
            {overview?.users.map((u) => (
              <option key={u} value={u} translate="no">
                {u}
              </option>
            ))}
          </select>
        </div>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="notif-layout">
        <aside className="notif-side" aria-label={t('side')}>
          <ClockCard />
          <div className="card">
            <h2>{t('schedule.title')}</h2>
            <ScheduleWakeupForm />
          </div>
        </aside>
        <div className="notif-main">
          <AgentStatePanel />
          {confirm && (
            <Confirm
              message={
                confirm === 'consume'
                  ? userId
                    ? t('proactive.confirmOfUser', { ...plural(counts?.proactivePending), user: userId })
                    : t('proactive.confirm', plural(counts?.proactivePending))
                  : t('project.confirm', plural(counts?.projectNotificationsPending))
              }
              confirmLabel={confirm === 'consume' ? t('proactive.confirmLabel') : t('project.confirmLabel')}
              onCancel={() => setConfirm(null)}
              onConfirm={() => {
                const which = confirm;
                setConfirm(null);
                void act(() =>
                  which === 'consume'
                    ? call!.call('proactive.consumeAll', { ...scope, ...(userId ? { userId } : {}) })
                    : call!.call('proactive.acknowledgeAll', scope),
                );
              }}
            />
          )}
          <div className="card wide">
            <h2>
              {t('proactive.title')}{' '}
              <span className="muted" data-testid="proactive-counts">
                · {pendingOf(counts?.proactivePending, counts?.proactive)}
              </span>{' '}
              {(counts?.proactivePending ?? 0) > 0 && (
                <button type="button" className="small" disabled={busy} onClick={() => setConfirm('consume')}>
                  {t('proactive.consumeAllPending')}
                </button>
              )}
            </h2>
            <Pager list="proactive" total={counts?.proactive ?? 0} />
            {overview && overview.proactive.length === 0 ? (
              <p className="muted">
                <Trans t={t} i18nKey="proactive.empty" components={code} />
              </p>
            ) : (
              <DataTable
                label={t('proactive.title')}
                rows={overview?.proactive ?? []}
                rowKey={(n) => n.messageId}
                columns={[
                  { header: t('column.status'), cell: (n) => <Badge status={n.status} /> },
                  { header: t('column.user'), cell: (n) => n.userId },
                  { header: t('column.agent'), cell: (n) => n.agentName ?? n.agentId },
                  { header: t('column.check'), cell: (n) => n.checkType },
                  { header: t('column.message'), cell: (n) => n.generatedMessage, className: 'message' },
                  { header: t('column.created'), cell: (n) => time(n.createdAt) },
                  { header: t('column.consumed'), cell: (n) => time(n.consumedAt) },
                  {
                    header: '',
                    cell: (n) =>
                      n.status === 'pending' && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void act(() => call!.call('proactive.consume', { messageId: n.messageId }))}
                        >
                          {t('proactive.consume')}
                        </button>
                      ),
                  },
                ]}
              />
            )}
          </div>

          <div className="card wide">
            <h2>
              {t('wakeups.title')} <span className="muted">· {pendingOf(counts?.wakeupsPending, counts?.wakeups)}</span>
            </h2>
            <Pager list="wakeups" total={counts?.wakeups ?? 0} />
            {overview && overview.wakeups.length === 0 ? (
              <p className="muted">
                <Trans t={t} i18nKey="wakeups.empty" components={code} />
              </p>
            ) : (
              <DataTable
                label={t('wakeups.title')}
                rows={overview?.wakeups ?? []}
                rowKey={(w) => w.wakeupId}
                columns={[
                  { header: t('column.status'), cell: (w) => <Badge status={w.status} /> },
                  { header: t('column.user'), cell: (w) => w.userId },
                  { header: t('column.agent'), cell: (w) => w.agentName ?? w.agentId },
                  { header: t('column.check'), cell: (w) => w.checkType },
                  { header: t('column.intent'), cell: (w) => w.intent, className: 'message' },
                  {
                    header: t('column.scheduled'),
                    // A pending wakeup falls due on the studio clock: how far ahead is relative to its now.
                    cell: (w) =>
                      w.status === 'pending' && clockNow ? (
                        <span title={t('wakeups.due', { relative: relativeTime(w.scheduledAt, clockNow) })}>
                          {time(w.scheduledAt)}
                        </span>
                      ) : (
                        time(w.scheduledAt)
                      ),
                  },
                  {
                    // On the studio clock a wakeup runs at its scheduled time, however far the clock jumped past it.
                    header: t('column.ranAt'),
                    cell: (w) =>
                      w.status === 'executed' ? (
                        <span title={w.executedAt ? t('wakeups.ranWhen', { time: time(w.executedAt) }) : undefined}>
                          {time(w.scheduledAt)}
                        </span>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            )}
          </div>

          <div className="card wide">
            <h2>
              {t('project.title')}{' '}
              <span className="muted" data-testid="project-counts">
                · {pendingOf(counts?.projectNotificationsPending, counts?.projectNotifications)}
              </span>{' '}
              {(counts?.projectNotificationsPending ?? 0) > 0 && (
                <button type="button" className="small" disabled={busy} onClick={() => setConfirm('acknowledge')}>
                  {t('project.acknowledgeAllPending')}
                </button>
              )}
            </h2>
            <Pager list="notifications" total={counts?.projectNotifications ?? 0} />
            {overview && overview.projectNotifications.length === 0 ? (
              <p className="muted">
                <Trans t={t} i18nKey="project.empty" components={code} />
              </p>
            ) : (
              <DataTable
                label={t('project.title')}
                rows={overview?.projectNotifications ?? []}
                rowKey={(n) => n.notificationId}
                columns={[
                  { header: t('column.status'), cell: (n) => <Badge status={n.status} /> },
                  { header: t('column.eventType'), cell: (n) => <code>{n.eventType}</code> },
                  { header: t('column.user'), cell: (n) => n.userId ?? '—' },
                  { header: t('column.created'), cell: (n) => time(n.createdAt) },
                  { header: t('column.acknowledged'), cell: (n) => time(n.acknowledgedAt) },
                  {
                    header: '',
                    cell: (n) =>
                      n.status === 'pending' && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() =>
                            void act(() =>
                              call!.call('proactive.acknowledge', {
                                projectId: projectId ?? undefined,
                                notificationIds: [n.notificationId],
                              }),
                            )
                          }
                        >
                          {t('project.acknowledge')}
                        </button>
                      ),
                  },
                ]}
              />
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
