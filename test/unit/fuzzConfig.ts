// How many cases the property tests run, and from which seed. `npm test` runs a fixed seed and a modest count so every
// run checks the same cases in bounded time; `npm run fuzz` sets FUZZ_RUNS (and a fresh FUZZ_SEED, printed) for a
// long exploration. A failure prints its seed and path: `FUZZ_SEED=<seed> npm run fuzz` reproduces it.
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261125;

/** The run count of one property: `normal` in `npm test`, FUZZ_RUNS under `npm run fuzz`. */
export function FUZZ_RUNS(normal: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : normal;
}
