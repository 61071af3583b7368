import type { Translation } from '../catalog';
import type en from '../en/requests';

const requests: Translation<typeof en> = {};
export default requests;
