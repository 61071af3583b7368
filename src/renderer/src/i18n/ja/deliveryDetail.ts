import type { Translation } from '../catalog';
import type en from '../en/deliveryDetail';

const deliveryDetail: Translation<typeof en> = {};
export default deliveryDetail;
