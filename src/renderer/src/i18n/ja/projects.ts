import type { Translation } from '../catalog';
import type en from '../en/projects';

const projects: Translation<typeof en> = {};
export default projects;
