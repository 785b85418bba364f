/** Where one bench launch writes its figures (a JSON object); the runner sets it per launch. */
export const BENCH_OUT_ENV = 'VERTEX_BENCH_OUT';
