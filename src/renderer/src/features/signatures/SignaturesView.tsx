import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store/studio';
import { useSignatures } from './store';
import { SnippetsPanel } from './SnippetsPanel';
import { VerifyPanel } from './VerifyPanel';
import '../deliveries/deliveries.css';
import './signatures.css';

/** Signatures: verify anything, and the code to verify in your own handler. */
export function SignaturesView() {
  const { t } = useTranslation('signatures');
  const client = useStudio((s) => s.client);
  useEffect(() => {
    if (client) void useSignatures.getState().load();
  }, [client]);
  return (
    <section className="area sig-area">
      <header className="area-head">
        <h1>{t('title')}</h1>
      </header>
      <div className="sig-grid">
        <VerifyPanel />
        <SnippetsPanel />
      </div>
    </section>
  );
}
