/**
 * The I/O shell around the pure stages (ingest → plan → render → export): reading inputs
 * (inputs.ts), writing one deck (build.ts) and running many with one browser (run.ts).
 */
export * from './inputs.js';
export * from './build.js';
export * from './run.js';
