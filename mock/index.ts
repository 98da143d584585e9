export { createMock } from './app.js';
export { startMock } from './server.js';
export type { Mock } from './app.js';
export type { MockOptions } from './config.js';
export type { RunningMock, StartOptions } from './server.js';
export type { UserRecord } from './wp/users.js';
export type { BearerConfig } from './aam/context.js';
export { AAM_VERSIONS, DEFAULT_AAM_VERSION, aamGeneration, isAamVersion } from './generations/index.js';
export type { AamGeneration, AamVersion } from './generations/index.js';
