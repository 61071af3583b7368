import type { Translation } from '../catalog';
import type en from '../en/events';

const events: Translation<typeof en> = {};
export default events;
