/** npm run bench — every benchmark, one summary table. */
import { printTable, runCsvBench } from './csv-import.js';

printTable('All benchmarks', [...(await runCsvBench())]);
