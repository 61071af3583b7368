import type { Translation } from '../catalog';
import type en from '../en/notifications';

const notifications: Translation<typeof en> = {};
export default notifications;
