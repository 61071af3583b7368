import type { Translation } from '../catalog';
import type en from '../en/deliverySettings';

const deliverySettings: Translation<typeof en> = {};
export default deliverySettings;
