import type { Translation } from '../catalog';
import type en from '../en/tunnel';

const tunnel: Translation<typeof en> = {};
export default tunnel;
