// The hostile-input suite, for the integration test and for `pnpm bench` (row 20).
export { hostileCases, type HostileCase } from './cases';
export { runHostileCases, describeReport, type HostileReport, type HostileTarget } from './run';
export { declaredProcedures, declaredRoutes, executorFor, inProcessTarget, makeSamples } from './target';
