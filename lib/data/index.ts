/** Everything about data in one namespace, `datasets`: the generators, splitting, and CSV files. */
export { gauss, circle, xor, spiral, beans, trainTestSplit, shuffleDataset } from "./generators";
export { toCsv, fromCsv, readCsv, writeCsv } from "./csv";
export { field } from "./field";
