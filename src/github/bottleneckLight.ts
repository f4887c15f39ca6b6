// Stands in for `bottleneck/light.js` in the built bundles and in the unit tests (esbuild.mjs, .mocharc.json):
// @octokit/plugin-retry builds its retry limiter with it, and @octokit/plugin-throttling takes it as the
// default of its `throttle.Bottleneck` option (the client passes the same class explicitly).
import { ThrottleLimiter } from './throttleLimiter';

// eslint-disable-next-line no-restricted-syntax -- stands in for a module whose default export is imported
export default ThrottleLimiter;
