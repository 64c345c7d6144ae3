/** Profiling helper: the nested invitations query against a seeded gateway (run with `node --cpu-prof --import tsx`). */
import { performance } from 'node:perf_hooks';
import { runGraphqlProfile } from './graphql.js';

const t0 = performance.now();
const n = await runGraphqlProfile(Number(process.env.PROFILE_REQUESTS ?? 400));
console.log(`${n} requests in ${(performance.now() - t0).toFixed(0)} ms`);
