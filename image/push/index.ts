/** push/: a stored image, or an OCI layout's image or index, to a distribution v2 registry. */
export { type PushEvent, type PushOptions, type Pushed, pushImage, pushLayout } from './push.js';
