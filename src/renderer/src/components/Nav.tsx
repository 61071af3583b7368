import { useTranslation } from 'react-i18next';
import { AREAS, useStudio } from '../store/studio';
import { AreaIcon } from './AreaIcon';

export function Nav() {
  const { t } = useTranslation('shell');
  const { area, setArea, status } = useStudio();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="logo" aria-hidden>
          ◈
        </span>
        <div className="brand-text">
          <div className="brand-name">{t('nav.brand')}</div>
          <div className="brand-sub">{t('nav.brandSub', { version: status?.version ?? '…' })}</div>
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
              title={t('nav.shortcut', { area: t(`area.${a.id}`), n: i + 1 })}
            >
              <span className="icon" aria-hidden>
                <AreaIcon id={a.id} />
              </span>
              <span className="nav-label">{t(`area.${a.id}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
