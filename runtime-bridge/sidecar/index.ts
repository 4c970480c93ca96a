export { startSidecar, DEFAULT_LISTEN, type Sidecar, type SidecarOptions } from './server.js';
export { Components } from './components.js';
export { DEMO_CONFIG, loadSidecarConfig, parseSidecarConfig, type SidecarConfig } from './config.js';
export type { TopicEvent } from './cloudevent.js';
