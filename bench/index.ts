/** npm run bench — every benchmark, one summary table (each line against its own baseline, measured in the same run). */
import { runConsoleBench } from './console.js';
import { runCsvBench } from './csv-import.js';
import { runGraphqlBench } from './graphql.js';
import { runGrowthBench } from './growth.js';
import { runOidcBench } from './oidc.js';
import { runPasswordBench } from './password.js';
import { printTable } from './report.js';

const lines = [
  ...(await runCsvBench()),
  ...(await runOidcBench()),
  ...(await runPasswordBench()),
  ...(await runGraphqlBench()),
  ...(await runConsoleBench()),
  ...(await runGrowthBench()),
];
printTable('All benchmarks', lines, 'see each benchmark; each measured in the same run');
