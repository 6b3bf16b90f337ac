import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fromCsv, readCsv, toCsv, writeCsv } from "../lib/data/csv";
import { Dataset, spiral } from "../lib/data/generators";
import { assertThrows } from "./helpers";


describe("csv: writing", () => {
  it("writes a header, one line per example, \\n line ends and a final newline", () => {
    const data: Dataset = { X: [[1, 2], [0.5, -3]], y: [1, 0] };
    assert.equal(toCsv(data), "x1,x2,y\n1,2,1\n0.5,-3,0\n");
  });

  it("names as many x columns as X has, or the columns given", () => {
    const data: Dataset = { X: [[1, 2, 3]], y: [0.25] };
    assert.equal(toCsv(data), "x1,x2,x3,y\n1,2,3,0.25\n");
    assert.equal(toCsv(data, { columns: ["a", "b", "c", "toxic"] }), "a,b,c,toxic\n1,2,3,0.25\n");
  });

  it("round-trips every number exactly, -0 and extremes included", () => {
    const awkward = [-0, 0, 5e-324, 1e21, -1.7976931348623157e308, 0.1 + 0.2, 1 / 3, -2.5e-7, 123456789.123];
    const data: Dataset = { X: awkward.map((v, i) => [v, awkward[(i + 1) % awkward.length]]), y: awkward };
    assert.deepStrictEqual(fromCsv(toCsv(data)), data);
    const generated = spiral({ noise: 0.3, seed: "round trip" });
    assert.deepStrictEqual(fromCsv(toCsv(generated)), generated);
  });

  it("round-trips through a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-csv-"));
    try {
      const file = path.join(dir, "spiral.csv");
      const data = spiral({ n: 40, noise: 0.1, seed: 2 });
      writeCsv(file, data, { columns: ["a", "b", "label"] });
      assert.equal(fs.readFileSync(file, "utf8"), toCsv(data, { columns: ["a", "b", "label"] }));
      assert.deepStrictEqual(readCsv(file), data);
      assert.deepStrictEqual(readCsv(file, { label: "label" }), data);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe("csv: reading", () => {
  it("accepts \\r\\n, blank lines at the end, spaces around cells, a byte-order mark and quoted cells", () => {
    const expected: Dataset = { X: [[1, 2], [3, 4]], y: [1, 0] };
    assert.deepStrictEqual(fromCsv("x1,x2,y\r\n1,2,1\r\n3,4,0\r\n"), expected);
    assert.deepStrictEqual(fromCsv("x1,x2,y\n1,2,1\n3,4,0\n\n  \n"), expected);
    assert.deepStrictEqual(fromCsv("x1,x2,y\n1,2,1\n3,4,0"), expected);
    assert.deepStrictEqual(fromCsv(" x1 , x2 ,y\n 1,\t2 , 1\n3 ,4,0 \n"), expected);
    assert.deepStrictEqual(fromCsv("\uFEFFx1,x2,y\n1,2,1\n3,4,0\n"), expected);
    assert.deepStrictEqual(fromCsv('"x1","x2","y"\n1,"2",1\n3,4,0\n'), expected);
  });

  it("takes the label from the named column and keeps the others, in order, as features", () => {
    const text = "a,label,b,c\n1,0,2,3\n4,1,5,6\n";
    assert.deepStrictEqual(fromCsv(text, { label: "label" }), { X: [[1, 2, 3], [4, 5, 6]], y: [0, 1] });
    assert.deepStrictEqual(fromCsv(text), { X: [[1, 0, 2], [4, 1, 5]], y: [3, 6] });
  });

  it("accepts any finite label and the usual number spellings", () => {
    const data = fromCsv("x,y\n1e3,-0.25\n+.5,7\n-3.,1E-2\n");
    assert.deepStrictEqual(data, { X: [[1000], [0.5], [-3]], y: [-0.25, 7, 0.01] });
  });

  it("names the line, the column and the problem in malformed input", () => {
    assertThrows(() => fromCsv("x1,x2,y\n1,2,1\n3,4\n"), "fromCsv: line 3: expected 3 cells (x1,x2,y), got 2");
    assertThrows(() => fromCsv("x1,x2,y\n1,2,1,5\n"), "line 2: expected 3 cells (x1,x2,y), got 4");
    assertThrows(() => fromCsv("x1,x2,y\n1,2,1\n3,abc,0\n"), 'line 3, column "x2": "abc" is not a finite number');
    assertThrows(() => fromCsv("x1,x2,y\r\n1,,1\r\n"), 'line 2, column "x2": the cell is empty');
    for (const bad of ["Infinity", "NaN", "0x1F", "1e999", "1,5", "1.2.3", "--1", "1 2"]) {
      const text = `x1,y\n1,0\n0,${bad}\n`;
      if (bad === "1,5") assertThrows(() => fromCsv(text), "line 3: expected 2 cells (x1,y), got 3");
      else assertThrows(() => fromCsv(text), `line 3, column "y": "${bad}" is not a finite number`);
    }
    assertThrows(() => fromCsv("x1,x2,y\n1,2,1\n\n3,4,0\n"), "line 3 is blank", "only at the end");
  });

  it("explains a missing header, an empty file, a bad header and a missing label column", () => {
    assertThrows(() => fromCsv("1,2,1\n3,4,0\n"), "fromCsv: line 1: expected a header", 'got numbers "1,2,1"');
    assertThrows(() => fromCsv(""), "fromCsv: the CSV is empty", "header");
    assertThrows(() => fromCsv("\r\n \n"), "fromCsv: the CSV is empty");
    assertThrows(() => fromCsv("x1,x2,y\n"), "no data lines after the header (x1,x2,y)");
    assertThrows(() => fromCsv("x1,,y\n1,2,3\n"), "line 1: column 2 of the header has no name");
    assertThrows(() => fromCsv("x,x,y\n1,2,3\n"), 'line 1: column name "x" appears twice');
    assertThrows(() => fromCsv("y\n1\n"), "line 1: expected at least 2 columns");
    const noLabel = () => fromCsv("x1,x2,y\n1,2,3\n", { label: "toxic" });
    assertThrows(noLabel, 'fromCsv: label column "toxic" is not in the header (x1,x2,y)');
  });

  it("readCsv puts the file's path in front of every problem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-csv-"));
    try {
      const file = path.join(dir, "broken.csv");
      fs.writeFileSync(file, "x1,x2,y\n1,2,1\n3,4\n");
      assertThrows(() => readCsv(file), `readCsv: ${file}: line 3: expected 3 cells (x1,x2,y), got 2`);
      const missing = path.join(dir, "missing.csv");
      assertThrows(() => readCsv(missing), `readCsv: cannot read ${missing}`, "ENOENT");
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe("csv: bad arguments", () => {
  const toCsvAny = toCsv as (data: unknown, args?: unknown) => string;
  const fromCsvAny = fromCsv as (text: unknown, args?: unknown) => Dataset;
  const data: Dataset = { X: [[1, 2]], y: [1] };

  it("toCsv names the bad argument", () => {
    assertThrows(() => toCsvAny(data, { columns: ["a", "y"] }), "toCsv: columns must be 3 names (2 features, then");
    assertThrows(() => toCsvAny(data, { columns: "a,b,y" }), "toCsv: columns must be 3 names");
    assertThrows(() => toCsvAny(data, { columns: ["a", "b,c", "y"] }), "toCsv: column names must be", 'got "b,c"');
    assertThrows(() => toCsvAny(data, { columns: ["a", " b", "y"] }), "surrounding spaces", 'got " b"');
    assertThrows(() => toCsvAny(data, { columns: ["a", "", "y"] }), "non-empty");
    assertThrows(() => toCsvAny(data, { columns: ["a", "a", "y"] }), 'toCsv: column name "a" appears twice');
    assertThrows(() => toCsvAny(data, { colums: ["a", "b", "y"] }), 'toCsv: unknown option "colums"', "columns");
    assertThrows(() => toCsvAny({ X: [[1, 2]], y: [1, 0] }), "toCsv: X has 1 rows but y has 2 labels");
    assertThrows(() => toCsvAny({ X: [[1, Infinity]], y: [1] }), "toCsv: X[0][1] must be a finite number, got Inf");
    assertThrows(() => toCsvAny({ X: [], y: [] }), "toCsv: data has no examples");
    assertThrows(() => writeCsv(path.join(os.tmpdir(), "never.csv"), { X: [[1]], y: [NaN] }), "writeCsv: y[0]");
  });

  it("fromCsv and readCsv name the bad argument", () => {
    assertThrows(() => fromCsvAny("x,y\n1,2\n", { lable: "y" }), 'fromCsv: unknown option "lable"', "label");
    assertThrows(() => fromCsvAny(42), "fromCsv: expected CSV text, got 42");
    assertThrows(() => readCsv("whatever.csv", { labels: "y" } as object), 'readCsv: unknown option "labels"');
  });
});
