import type { CatalogEntryDto } from '../../../../shared/contract/events';

/** Which SDK schema the type's data follows, and where in the body (the catalog's `sdkShapes`). */
export function SdkShapes({ entry }: { entry: CatalogEntryDto }) {
  const shapes = entry.sdkShapes ?? [];
  return (
    <p className="muted ev-small ev-sdk-shapes" data-testid="sdk-shapes">
      {shapes.length ? (
        <>
          Follows the SDK schema{' '}
          {shapes.map((s, i) => (
            <span key={`${s.schema}@${s.path}`}>
              {i > 0 && ', '}
              <code>{s.schema}</code> at <code>{s.path}</code>
            </span>
          ))}
        </>
      ) : (
        <>No SDK entity type: the studio&apos;s own shape (see the schema below).</>
      )}
    </p>
  );
}
