/** npm run bench — every benchmark, one summary table (each line against its own baseline, measured in the same run). */
import { printTable, runCsvBench } from './csv-import.js';
import { runOidcBench } from './oidc.js';

printTable('All benchmarks', [...(await runCsvBench()), ...(await runOidcBench())], 'see each benchmark; measured in the same run');
