import { useState } from 'react';
import { parseEditor } from './parse-editor';
import { eventsActions } from './store';

/** Define a custom event type: name, description, optional JSON Schema of its data, and a sample. */
export function CustomTypeForm({ onDone }: { onDone(type: string): void }) {
  const [type, setType] = useState('');
  const [description, setDescription] = useState('');
  const [schema, setSchema] = useState('{\n  "type": "object"\n}');
  const [sample, setSample] = useState('{}');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const s = parseEditor(schema);
    if ('error' in s) return setError(`Schema: ${s.error}`);
    const d = parseEditor(sample);
    if ('error' in d) return setError(`Sample: ${d.error}`);
    const err = await eventsActions.createCustomType({
      type: type.trim(),
      description,
      schema: s.data,
      sample: d.data,
    });
    if (err) return setError(err);
    setError(null);
    onDone(type.trim());
  };

  return (
    <form className="ev-custom" onSubmit={submit} aria-label="New custom event type">
      <label>
        Type name
        <input
          value={type}
          onChange={(e) => setType(e.target.value)}
          placeholder="session.end"
          required
          maxLength={100}
        />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
      </label>
      <label>
        JSON Schema of data
        <textarea rows={4} value={schema} onChange={(e) => setSchema(e.target.value)} spellCheck={false} />
      </label>
      <label>
        Sample data
        <textarea rows={3} value={sample} onChange={(e) => setSample(e.target.value)} spellCheck={false} />
      </label>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={!type.trim()}>
        Create type
      </button>
    </form>
  );
}
