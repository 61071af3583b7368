import type { Translation } from '../catalog';
import type en from '../en/oneinbox';

const oneinbox: Translation<typeof en> = {};
export default oneinbox;
