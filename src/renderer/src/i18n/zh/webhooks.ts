import type { Translation } from '../catalog';
import type en from '../en/webhooks';

const webhooks: Translation<typeof en> = {};
export default webhooks;
