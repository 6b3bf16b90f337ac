import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { datasets, playground } from "../lib/index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-inputs-"));
const PAGE = "https://playground.tensorflow.org/";

/** Asserts that `fn` throws an Error (not a TypeError, RangeError or URIError) whose message matches `pattern`. */
function refuses(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: Error) => {
    assert.equal(err.constructor, Error, `a plain Error, not ${err.constructor.name}: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe("Playground URLs that are cut off, mistyped or beyond beanlab get a clear error", () => {
  it("an empty string, ? instead of #, and a page address without #", () => {
    refuses(() => playground.fromUrl(""), /^playground\.fromUrl: the URL is empty; expected a Playground address such as https:/);
    refuses(() => playground.fromUrl(`${PAGE}?activation=relu&networkShape=3`), /not "\?" \(the page would open with its defaults\); write https:\/\/playground\.tensorflow\.org\/#activation=relu&networkShape=3/);
    refuses(() => playground.fromUrl(PAGE), /has no "#" part/);
  });

  it("a URL cut off inside a key, inside a number list or inside a %-escape", () => {
    refuses(() => playground.fromUrl(`${PAGE}#activation=relu&netw`), /"netw" has no "="; .*the URL looks cut off after "netw"/);
    refuses(() => playground.fromUrl(`${PAGE}#networkShape=4,`), /^playground\.fromUrl: networkShape= is not a number/);
    refuses(() => playground.fromUrl(`${PAGE}#seed=0.5%E0%A4%A`), /"seed=0\.5%E0%A4%A" holds a broken %-escape/);
    refuses(() => playground.fromUrl(`${PAGE}#seed=%`), /broken %-escape/);
  });

  it("a huge networkShape, a zero learning rate and a fractional batch size", () => {
    refuses(() => playground.fromUrl("#networkShape=100000000"), /networkShape\[0\] is 100000000 neurons; beanlab builds at most 1000 per layer \(the page offers 1 to 8\)/);
    refuses(() => playground.fromUrl(`#networkShape=${Array(30).fill(2).join(",")}`), /networkShape has 30 hidden layers; beanlab builds at most 20/);
    refuses(() => playground.fromUrl("#learningRate=0"), /learningRate must be a number above 0 \(the page offers 0\.00001 to 10\), got 0/);
    refuses(() => playground.fromUrl("#batchSize=2.5"), /batchSize must be a whole number of points from 1/);
    refuses(() => playground.experiment({ networkShape: [1e9] }), /^playground: networkShape\[0\] is 1000000000 neurons/);
  });

  it("features the page has but beanlab does not compute are named", () => {
    refuses(() => playground.fromUrl("#cosX=true"), /cosX=true turns on the page's cos\(X₁\) input, which beanlab does not compute; set cosX=false/);
    assert.equal(playground.fromUrl("#cosX=false&cosY=false").state.cosX, false);
  });

  it("a key given twice is refused rather than one of them silently winning", () => {
    refuses(() => playground.fromUrl("#activation=tanh&learningRate=0.1&activation=relu"), /activation is given twice \(activation=tanh and activation=relu\)/);
  });

  it("noise is explained as a percent: out of range is an error, a fraction a warning", () => {
    refuses(() => playground.fromUrl("#noise=150"), /noise must be a percentage from 0 to 100 .*e\.g\. noise=25 for 25 %/);
    const seen: string[] = [];
    const warn = console.warn;
    console.warn = (text: string) => void seen.push(text);
    try {
      playground.fromUrl("#noise=0.2");
      playground.fromUrl("#noise=20");
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(seen, ["playground.fromUrl: warning: noise=0.2 is in percent, so it means 0.2 % (almost none); for 20 % write noise=20 (the page's slider goes 0 to 50 in steps of 5)"]);
  });
});

describe("CSV files in other shapes get read or a clear error", () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };

  it("semicolons and tabs are named as the separator at fault", () => {
    refuses(() => datasets.readCsv(path.join(dir, "none.csv")), /^readCsv: cannot read .*none\.csv: no such file \(ENOENT\)$/);
    refuses(() => datasets.readCsv(file("semi.csv", "x1;x2;y\n0,5;1,5;1\n")), /line 1: the columns are separated by semicolons, expected commas; save the file as "CSV \(comma delimited\)"/);
    refuses(() => datasets.readCsv(file("tabs.csv", "x1\tx2\ty\n0.5\t1.5\t1\n")), /line 1: the columns are separated by tabs, expected commas/);
    refuses(() => datasets.fromCsv("x1,x2,y\n1;2;3\n"), /line 2: expected 3 cells .*got 1; the line holds semicolons or tabs/);
  });

  it("CR-only line ends and UTF-16 files with a byte-order mark are read; UTF-16 without one is explained", () => {
    const expected = { X: [[0.5, 1.5], [2, 3]], y: [1, 0] };
    assert.deepEqual(datasets.readCsv(file("mac.csv", "x1,x2,y\r0.5,1.5,1\r2,3,0\r")), expected);
    const text = "x1,x2,y\r\n0.5,1.5,1\r\n2,3,0\r\n";
    assert.deepEqual(datasets.readCsv(file("le.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))), expected);
    const be = Buffer.from(text, "utf16le").swap16();
    assert.deepEqual(datasets.readCsv(file("be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), be]))), expected);
    refuses(() => datasets.readCsv(file("nobom.csv", Buffer.from(text, "utf16le"))), /holds zero bytes, as UTF-16 text without a byte-order mark does; save it as "CSV UTF-8"/);
  });

  it("writeCsv to a missing folder, and readCsv of a folder, say so instead of a bare ENOENT", () => {
    const data = { X: [[1, 2]], y: [1] };
    refuses(() => datasets.writeCsv(path.join(dir, "missing", "out.csv"), data), /^writeCsv: cannot write .*out\.csv: the folder .*missing does not exist; create it first/);
    refuses(() => datasets.readCsv(dir), /^readCsv: cannot read .*: it is a folder, not a file \(EISDIR\)/);
  });
});
