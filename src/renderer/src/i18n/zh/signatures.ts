import type { Translation } from '../catalog';
import type en from '../en/signatures';

const signatures: Translation<typeof en> = {};
export default signatures;
