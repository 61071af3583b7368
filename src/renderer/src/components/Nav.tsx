import { AREAS, useStudio } from '../store/studio';
import { AreaIcon } from './AreaIcon';

export function Nav() {
  const { area, setArea, status } = useStudio();
  return (
    <nav className="nav" aria-label="Areas">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◈
        </span>
        <div className="brand-text">
          <div className="brand-name">Webhook Studio</div>
          <div className="brand-sub">Sonzai · v{status?.version ?? '…'}</div>
        </div>
      </div>
      <ul>
        {AREAS.map((a, i) => (
          <li key={a.id}>
            <button
              type="button"
              className={a.id === area ? 'active' : ''}
              aria-current={a.id === area ? 'page' : undefined}
              onClick={() => setArea(a.id)}
              title={`${a.label} (Alt+${i + 1})`}
            >
              <span className="icon" aria-hidden>
                <AreaIcon id={a.id} />
              </span>
              <span className="nav-label">{a.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
