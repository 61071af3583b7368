import type { Translation } from '../catalog';
import type en from '../en/deliveries';

const deliveries: Translation<typeof en> = {};
export default deliveries;
