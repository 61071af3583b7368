import type { FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { Diagnosis, RESERIALISATIONS } from '../../../../shared/contract/inspector';
import { CopyButton } from '../../components/CopyButton';
import { count, dateTime, duration } from '../../format';
import { errorText } from '../api-ui/call';
import { useSignatures } from './store';

type T = TFunction<'signatures'>;

const HOW = {
  whitespace: 'how.whitespace',
  'key order': 'how.keyOrder',
  'unicode escaping': 'how.unicodeEscaping',
  'string escaping': 'how.stringEscaping',
  'number formatting': 'how.numberFormatting',
} as const satisfies Record<(typeof RESERIALISATIONS)[number], string>;

/** A clock difference: seconds below two minutes, else a duration with the seconds (as the core says it). */
function skewText(t: T, seconds: number): string {
  const abs = Math.abs(seconds);
  return abs < 120
    ? t('skew.seconds', { seconds: count(abs) })
    : t('skew.duration', { duration: duration(abs * 1000), seconds: count(abs) });
}

/** What the panel says under the headline. */
interface Said {
  message: string;
  /** The core's English message: its facts did not say enough to translate it. */
  messageInEnglish: boolean;
  notes: string[];
  notesInEnglish: boolean;
}

/**
 * A diagnosis in the UI's language, from its reason and facts. A core that gives no facts (or a
 * case they do not cover) keeps its English `message` and `notes` as the studio's detail.
 */
function say(d: Diagnosis, t: T): Said {
  const f = d.facts;
  const english: Said = { message: d.message, messageInEnglish: true, notes: d.notes, notesInEnglish: true };
  if (!f) return english;
  const said = (message: string | null, notes: string[]): Said =>
    message === null
      ? { message: d.message, messageInEnglish: true, notes, notesInEnglish: false }
      : { message, messageInEnglish: false, notes, notesInEnglish: false };

  const skew = f.skewSeconds;
  const tolerance = f.toleranceSeconds;
  const outside = skew !== undefined && tolerance !== undefined && Math.abs(skew) > tolerance;
  const skewNote = outside
    ? [t(skew > 0 ? 'note.skewOld' : 'note.skewNew', { skew: skewText(t, skew), tolerance: count(tolerance) })]
    : [];
  const sizes =
    f.signedBytes !== undefined && f.verifyingBytes !== undefined
      ? [t('note.sizes', { signed: count(f.signedBytes), verifying: count(f.verifyingBytes) })]
      : [];

  switch (d.reason) {
    case 'valid':
      return said(t('message.valid'), []);
    case 'missing_header':
      return f.header ? said(t('message.missing_header', { header: f.header }), []) : english;
    case 'malformed_header':
    case 'no_v1': {
      if (!f.headerProblem) return english;
      const message = t(`message.header.${f.headerProblem}`, { part: f.headerPart ?? '' });
      if (f.headerProblem === 'uppercase_hex') return said(message, []);
      return said(message, [
        ...(f.looksLikeSvix ? [t('note.svix')] : []),
        ...(f.v1NotHex ? [t('note.v1NotHex')] : []),
        ...(f.header ? [t('note.expectedFormat', { header: f.header })] : []),
      ]);
    }
    case 'timestamp_too_old':
    case 'timestamp_too_new': {
      if (skew === undefined || tolerance === undefined) return english;
      const values = {
        skew: skewText(t, skew),
        beyond: skewText(t, Math.abs(skew) - tolerance),
        tolerance: count(tolerance),
      };
      return d.reason === 'timestamp_too_old'
        ? said(t('message.timestamp_too_old', values), [t('note.hmacOkOld')])
        : said(t('message.timestamp_too_new', values), [t('note.hmacOkNew')]);
    }
    case 'reserialised': {
      const how = f.reserialisedHow?.map((h) => t(HOW[h])).join(t('listSeparator'));
      return said(how ? t('message.reserialised', { how }) : null, [...sizes, ...skewNote]);
    }
    case 'body_changed': {
      const path = f.path ?? '';
      const message =
        f.bodyChange === 'value'
          ? t('message.changed.value', { path, before: f.before ?? '', after: f.after ?? '' })
          : f.bodyChange === 'array_length'
            ? t('message.changed.array_length', {
                path,
                before: count(f.beforeLength ?? 0),
                after: count(f.afterLength ?? 0),
              })
            : f.bodyChange === 'key_removed' || f.bodyChange === 'key_added'
              ? t(`message.changed.${f.bodyChange}`, { path })
              : f.bodyChange === 'bytes'
                ? t('message.changed.bytes', { offset: count(f.offset ?? 0) })
                : null;
      return said(message, [...sizes, ...skewNote]);
    }
    case 'wrong_secret': {
      const secret = f.secret ?? '';
      const message = f.sameBytes
        ? t('message.wrongSecret.sameBytes')
        : !f.secret
          ? null
          : !f.eventType
            ? t('message.wrongSecret.other', { secret })
            : f.secretRotatedAt
              ? t('message.wrongSecret.webhookOld', { eventType: f.eventType, secret })
              : t('message.wrongSecret.webhookCurrent', { eventType: f.eventType, secret });
      return said(message, skewNote);
    }
    case 'rotated_secret': {
      if (!f.secret || !f.secretRotatedAt) return said(null, skewNote);
      const values = { secret: f.secret, time: dateTime(f.secretRotatedAt) };
      return said(
        f.eventType
          ? t('message.rotatedSecret.webhook', { ...values, eventType: f.eventType })
          : t('message.rotatedSecret.other', values),
        skewNote,
      );
    }
    case 'prefix_not_stripped':
      return said(t('message.prefix_not_stripped'), skewNote);
    case 'key_base64_decoded':
      return said(t('message.key_base64_decoded'), skewNote);
    case 'mismatch':
      return said(t('message.mismatch'), [t('note.mismatch'), ...skewNote]);
  }
}

/** Verify anything: raw body + header + secret (or a webhook) → verdict and the exact reason. */
export function VerifyPanel() {
  const { t } = useTranslation('signatures');
  const s = useSignatures();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.verify();
  };
  const said = s.result ? say(s.result, t) : null;
  return (
    <form className="card sig-card" onSubmit={submit} aria-label={t('verify.label')}>
      <h2>{t('verify.heading')}</h2>
      <p className="muted">
        <Trans t={t} i18nKey="verify.intro" components={{ c: <code /> }} />
      </p>
      <label className="sig-field">
        <span>{t('verify.rawBody')}</span>
        <textarea
          rows={7}
          spellCheck={false}
          value={s.body}
          onChange={(e) => s.set({ body: e.target.value })}
          placeholder={t('verify.bodyPlaceholder')}
          aria-label={t('verify.rawBody')}
        />
      </label>
      <label className="sig-field">
        <span>{t('verify.header')}</span>
        <input
          value={s.header}
          onChange={(e) => s.set({ header: e.target.value })}
          placeholder={t('verify.headerPlaceholder')}
          aria-label={t('verify.headerLabel')}
          spellCheck={false}
        />
      </label>
      <div className="sig-row">
        <label className="sig-field">
          <span>{t('verify.secret')}</span>
          <input
            value={s.secret}
            onChange={(e) => s.set({ secret: e.target.value, webhookId: '' })}
            placeholder={t('verify.secretPlaceholder')}
            aria-label={t('verify.secretLabel')}
            type="password"
            autoComplete="off"
            disabled={s.webhookId !== ''}
          />
        </label>
        <label className="sig-field">
          <span>{t('verify.orWebhook')}</span>
          <select
            value={s.webhookId}
            onChange={(e) => s.set({ webhookId: e.target.value })}
            aria-label={t('verify.webhook')}
          >
            <option value="">{t('verify.noWebhook')}</option>
            {s.webhooks.map((w) => (
              <option key={w.webhookId} value={w.webhookId}>
                {w.eventType} → {w.webhookUrl}
              </option>
            ))}
          </select>
        </label>
        <label className="sig-field sig-narrow">
          <span>{t('verify.tolerance')}</span>
          <input
            inputMode="numeric"
            value={s.tolerance}
            onChange={(e) => s.set({ tolerance: e.target.value.replace(/\D/g, '') })}
            aria-label={t('verify.toleranceLabel')}
          />
        </label>
      </div>
      <div className="sig-actions">
        <button type="submit" className="primary" disabled={s.busy}>
          {s.busy ? t('verify.checking') : t('verify.verify')}
        </button>
      </div>
      {s.error && (
        <div className="error" role="alert">
          {s.error.kind === 'needSecret' ? t('verify.needSecret') : errorText(s.error.err)}
        </div>
      )}
      {s.result && said && (
        <div
          className={`verdict ${s.result.ok ? 'verdict-ok' : 'verdict-bad'}`}
          role="status"
          aria-label={t('verify.verdict')}
        >
          <span className="verdict-mark" aria-hidden>
            {s.result.ok ? t('verify.markOk') : t('verify.markBad')}
          </span>
          <div>
            <strong>{t(`reason.${s.result.reason}`)}</strong>
            <div lang={said.messageInEnglish ? 'en' : undefined}>{said.message}</div>
            {said.notes.map((n) => (
              <div key={n} className="muted" lang={said.notesInEnglish ? 'en' : undefined}>
                · {n}
              </div>
            ))}
            {!s.result.ok && s.result.expectedHmac && (
              <div className="sig-hmacs">
                {t('verify.expected')} <code className="hex">{t('verify.v1', { hex: s.result.expectedHmac })}</code>
                <CopyButton text={s.result.expectedHmac} title={t('verify.copyExpected')} />
                {s.result.receivedHmacs.map((h) => (
                  <div key={h}>
                    {t('verify.received')} <code className="hex">{t('verify.v1', { hex: h })}</code>
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
      )}
    </form>
  );
}
