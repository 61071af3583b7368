import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useStudio } from '../../store/studio';
import { CopyButton } from '../../components/CopyButton';
import { DeliverySettings } from '../delivery-settings/DeliverySettings';
import { errorText } from '../api-ui/call';
import { LANGUAGES, languageFor } from '../../i18n';

const systemLanguage = () => LANGUAGES.find((l) => l.id === languageFor('system', navigator.languages ?? []))!.name;

export function SettingsView() {
  const { t } = useTranslation('settings');
  const { client, settings, status } = useStudio();
  const [error, setError] = useState<string | null>(null);

  const save = async (patch: Partial<Settings>) => {
    if (!client) return;
    setError(null);
    try {
      await client.call('settings.set', { patch });
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section className="area">
      <header className="area-head">
        <h1>{t('title')}</h1>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="card">
        <h2>{t('appearance')}</h2>
        <label className="row">
          <span>{t('theme')}</span>
          <select
            value={settings?.theme ?? 'system'}
            onChange={(e) => save({ theme: e.target.value as Settings['theme'] })}
          >
            <option value="system">{t('themeSystem')}</option>
            <option value="light">{t('themeLight')}</option>
            <option value="dark">{t('themeDark')}</option>
          </select>
        </label>
        <label className="row">
          <span>{t('language')}</span>
          <select
            value={settings?.language ?? 'system'}
            onChange={(e) => save({ language: e.target.value as Settings['language'] })}
            aria-describedby="language-hint"
          >
            <option value="system">{t('languageSystem', { language: systemLanguage() })}</option>
            {LANGUAGES.map((l) => (
              <option key={l.id} value={l.id} lang={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <p className="hint muted" id="language-hint">
          {t('languageHint')}
        </p>
      </div>
      <DeliverySettings />
      {status && (
        <div className="card">
          <h2>{t('thisStudio')}</h2>
          <dl className="facts">
            <dt>{t('version')}</dt>
            <dd>{status.version}</dd>
            <dt>{t('mockApi')}</dt>
            <dd>
              <code>{status.apiBaseUrl}/api/v1</code>
            </dd>
            <dt>{t('dataFolder')}</dt>
            <dd>
              <code>{status.dataDir}</code> <CopyButton text={status.dataDir} />
            </dd>
            <dt>{t('database')}</dt>
            <dd>
              <code>{status.dbPath}</code>
            </dd>
            <dt>{t('defaultProject')}</dt>
            <dd>
              <code>{status.projectId}</code> <CopyButton text={status.projectId} />
            </dd>
            <dt>{t('defaultAgent')}</dt>
            <dd>
              <code>{status.agentId}</code> <CopyButton text={status.agentId} />
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
