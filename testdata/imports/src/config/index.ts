export { widgetConfig } from './widgetConfig';
export * from './constants';
