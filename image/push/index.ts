/** push/: a stored image to a distribution v2 registry. */
export { type PushEvent, type PushOptions, type Pushed, pushImage } from './push.js';
