import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { initI18n } from '../../src/renderer/src/i18n';

// The renderer tests read English, as a user whose browser speaks English would.
initI18n('en');

afterEach(() => cleanup());
