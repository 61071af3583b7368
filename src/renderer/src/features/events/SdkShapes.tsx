import { Trans, useTranslation } from 'react-i18next';
import type { CatalogEntryDto } from '../../../../shared/contract/events';

/** Which SDK schema the type's data follows, and where in the body (the catalog's `sdkShapes`). */
export function SdkShapes({ entry }: { entry: CatalogEntryDto }) {
  const { t } = useTranslation('events');
  const shapes = entry.sdkShapes ?? [];
  return (
    <p className="muted ev-small ev-sdk-shapes" data-testid="sdk-shapes">
      {shapes.length ? (
        <>
          {t('sdkShapes.follows')}{' '}
          {shapes.map((s, i) => (
            <span key={`${s.schema}@${s.path}`}>
              {i > 0 && t('sdkShapes.separator')}
              <Trans
                t={t}
                i18nKey="sdkShapes.shape"
                values={{ schema: s.schema, path: s.path }}
                components={{ code: <code /> }}
              />
            </span>
          ))}
        </>
      ) : (
        <>{t('sdkShapes.none')}</>
      )}
    </p>
  );
}
