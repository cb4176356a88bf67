import { prepareTemplate } from './global-setup.ts';
export default () => prepareTemplate('postgres');
