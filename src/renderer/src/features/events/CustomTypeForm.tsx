import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api-ui/call';
import { jsonErrorText, parseEditor, type JsonProblem } from './parse-editor';
import { eventsActions } from './store';

/** What stopped the form: broken JSON in one of its editors, or the studio's refusal. */
type FormError = { field: 'schema' | 'sample'; problem: JsonProblem } | { refused: Error };

/** Define a custom event type: name, description, optional JSON Schema of its data, and a sample. */
export function CustomTypeForm({ onDone }: { onDone(type: string): void }) {
  const { t } = useTranslation('events');
  const [type, setType] = useState('');
  const [description, setDescription] = useState('');
  const [schema, setSchema] = useState('{\n  "type": "object"\n}');
  const [sample, setSample] = useState('{}');
  const [error, setError] = useState<FormError | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const s = parseEditor(schema);
    if ('error' in s) return setError({ field: 'schema', problem: s.error });
    const d = parseEditor(sample);
    if ('error' in d) return setError({ field: 'sample', problem: d.error });
    const err = await eventsActions.createCustomType({
      type: type.trim(),
      description,
      schema: s.data,
      sample: d.data,
    });
    if (err) return setError({ refused: err });
    setError(null);
    onDone(type.trim());
  };

  return (
    <form className="ev-custom" onSubmit={submit} aria-label={t('customType.label')}>
      <label>
        {t('customType.name')}
        <input
          value={type}
          onChange={(e) => setType(e.target.value)}
          placeholder={t('customType.namePlaceholder')}
          required
          maxLength={100}
        />
      </label>
      <label>
        {t('customType.description')}
        <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
      </label>
      <label>
        {t('customType.schema')}
        <textarea rows={4} value={schema} onChange={(e) => setSchema(e.target.value)} spellCheck={false} />
      </label>
      <label>
        {t('customType.sample')}
        <textarea rows={3} value={sample} onChange={(e) => setSample(e.target.value)} spellCheck={false} />
      </label>
      {error && (
        <div className="error" role="alert">
          {'refused' in error
            ? errorText(error.refused)
            : t(error.field === 'schema' ? 'customType.schemaError' : 'customType.sampleError', {
                error: jsonErrorText(error.problem),
              })}
        </div>
      )}
      <button type="submit" disabled={!type.trim()}>
        {t('customType.create')}
      </button>
    </form>
  );
}
