import { Construction } from 'lucide-react';

/** An area whose feature has not landed yet says so, and shows nothing made up. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <section className="area">
      <header className="area-head">
        <h1>{title}</h1>
      </header>
      <div className="empty" role="status">
        <div className="empty-icon" aria-hidden>
          <Construction size={36} />
        </div>
        <h2>Not built yet</h2>
        <p>{what}</p>
      </div>
    </section>
  );
}
