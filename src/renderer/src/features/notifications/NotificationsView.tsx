import { useEffect, useState } from 'react';
import { Confirm } from '../api-ui/Confirm';
import { Pager } from './Pager';
import { DataTable } from '../../components/DataTable';
import { useStudio } from '../../store/studio';
import { AgentStatePanel } from './AgentStatePanel';
import { ClockCard } from './ClockCard';
import { ScheduleWakeupForm } from './ScheduleWakeupForm';
import { useNotifications } from './store';
import './notifications.css';
import { count, dateTime } from '../../format';

const time = (iso: string | null) => dateTime(iso);

function Badge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}

/** Agent notifications, wakeups and project notifications, with the clock that drives them. */
export function NotificationsView() {
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
  const scope = {
    ...(projectId ? { projectId } : {}),
    ...(agentId ? { agentId } : {}),
  };

  return (
    <section className="area notifications">
      <header className="area-head">
        <h1>Notifications</h1>
        <div className="filters">
          <select
            aria-label="Project"
            value={projectId ?? ''}
            onChange={(e) => setFilter({ projectId: e.target.value })}
          >
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId}>
                {p.name}
              </option>
            ))}
          </select>
          <select aria-label="Agent" value={agentId} onChange={(e) => setFilter({ agentId: e.target.value })}>
            <option value="">All agents</option>
            {agents.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.name}
              </option>
            ))}
          </select>
          <select aria-label="User" value={userId} onChange={(e) => setFilter({ userId: e.target.value })}>
            <option value="">All users</option>
            {overview?.users.map((u) => (
              <option key={u} value={u}>
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
        <aside className="notif-side" aria-label="Clock and wakeups">
          <ClockCard />
          <div className="card">
            <h2>Schedule a wakeup</h2>
            <ScheduleWakeupForm />
          </div>
        </aside>
        <div className="notif-main">
          <AgentStatePanel />
          {confirm && (
            <Confirm
              message={
                confirm === 'consume'
                  ? `Consume all ${count(counts?.proactivePending ?? 0)} pending agent notifications${userId ? ` of ${userId}` : ''}?`
                  : `Acknowledge all ${count(counts?.projectNotificationsPending ?? 0)} pending project notifications?`
              }
              confirmLabel={confirm === 'consume' ? 'Consume all' : 'Acknowledge all'}
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
              Agent notifications{' '}
              <span className="muted" data-testid="proactive-counts">
                · {count(counts?.proactivePending ?? 0)} pending of {count(counts?.proactive ?? 0)}
              </span>{' '}
              {(counts?.proactivePending ?? 0) > 0 && (
                <button type="button" className="small" disabled={busy} onClick={() => setConfirm('consume')}>
                  Consume all pending
                </button>
              )}
            </h2>
            <Pager list="proactive" total={counts?.proactive ?? 0} label="Agent notifications" />
            {overview && overview.proactive.length === 0 ? (
              <p className="muted">
                None yet. A proactive message (<code>agent.message</code>, <code>on_wakeup_ready</code>) or a wakeup
                that runs leaves one here for its user, as <code>GET /agents/&#123;id&#125;/notifications</code> shows.
              </p>
            ) : (
              <DataTable
                label="Agent notifications"
                rows={overview?.proactive ?? []}
                rowKey={(n) => n.messageId}
                columns={[
                  { header: 'Status', cell: (n) => <Badge status={n.status} /> },
                  { header: 'User', cell: (n) => n.userId },
                  { header: 'Agent', cell: (n) => n.agentName ?? n.agentId },
                  { header: 'Check', cell: (n) => n.checkType },
                  { header: 'Message', cell: (n) => n.generatedMessage, className: 'message' },
                  { header: 'Created', cell: (n) => time(n.createdAt) },
                  { header: 'Consumed', cell: (n) => time(n.consumedAt) },
                  {
                    header: '',
                    cell: (n) =>
                      n.status === 'pending' && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void act(() => call!.call('proactive.consume', { messageId: n.messageId }))}
                        >
                          Consume
                        </button>
                      ),
                  },
                ]}
              />
            )}
          </div>

          <div className="card wide">
            <h2>
              Wakeups{' '}
              <span className="muted">
                · {count(counts?.wakeupsPending ?? 0)} pending of {count(counts?.wakeups ?? 0)}
              </span>
            </h2>
            <Pager list="wakeups" total={counts?.wakeups ?? 0} label="Wakeups" />
            {overview && overview.wakeups.length === 0 ? (
              <p className="muted">
                No wakeups. Schedule one here or with <code>POST /agents/&#123;id&#125;/wakeups</code>, then
                fast-forward the clock to run it.
              </p>
            ) : (
              <DataTable
                label="Wakeups"
                rows={overview?.wakeups ?? []}
                rowKey={(w) => w.wakeupId}
                columns={[
                  { header: 'Status', cell: (w) => <Badge status={w.status} /> },
                  { header: 'User', cell: (w) => w.userId },
                  { header: 'Agent', cell: (w) => w.agentName ?? w.agentId },
                  { header: 'Check', cell: (w) => w.checkType },
                  { header: 'Intent', cell: (w) => w.intent, className: 'message' },
                  { header: 'Scheduled', cell: (w) => time(w.scheduledAt) },
                  {
                    // On the studio clock a wakeup runs at its scheduled time, however far the clock jumped past it.
                    header: 'Ran at',
                    cell: (w) =>
                      w.status === 'executed' ? (
                        <span title={w.executedAt ? `run when the clock reached ${time(w.executedAt)}` : undefined}>
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
              Project notifications{' '}
              <span className="muted" data-testid="project-counts">
                · {count(counts?.projectNotificationsPending ?? 0)} pending of{' '}
                {count(counts?.projectNotifications ?? 0)}
              </span>{' '}
              {(counts?.projectNotificationsPending ?? 0) > 0 && (
                <button type="button" className="small" disabled={busy} onClick={() => setConfirm('acknowledge')}>
                  Acknowledge all pending
                </button>
              )}
            </h2>
            <Pager list="notifications" total={counts?.projectNotifications ?? 0} label="Project notifications" />
            {overview && overview.projectNotifications.length === 0 ? (
              <p className="muted">
                None yet: they appear with proactive messages, as{' '}
                <code>GET /projects/&#123;id&#125;/notifications</code> lists them.
              </p>
            ) : (
              <DataTable
                label="Project notifications"
                rows={overview?.projectNotifications ?? []}
                rowKey={(n) => n.notificationId}
                columns={[
                  { header: 'Status', cell: (n) => <Badge status={n.status} /> },
                  { header: 'Event type', cell: (n) => <code>{n.eventType}</code> },
                  { header: 'User', cell: (n) => n.userId ?? '—' },
                  { header: 'Created', cell: (n) => time(n.createdAt) },
                  { header: 'Acknowledged', cell: (n) => time(n.acknowledgedAt) },
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
                          Acknowledge
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
