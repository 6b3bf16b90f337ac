import { strict as assert } from "assert";
import { printed } from "./helpers";
import { claim, exercise, formatSpread, printTable, spread } from "../lib/index";
import { formatTable } from "../lib/util/table";

describe("lesson checks", () => {
  it("claim prints ✓ with the evidence when it holds, and throws with the measurement when not", () => {
    assert.deepEqual(printed(() => claim("3 neurons close the circle", true, "test accuracy 0.98")), ["✓ 3 neurons close the circle (test accuracy 0.98)"]);
    assert.throws(() => claim("3 neurons close the circle", false, "test accuracy 0.71"), /The lesson's claim no longer holds: 3 neurons close the circle \(measured: test accuracy 0.71\)/);
  });

  it("exercise reports not attempted, right or not yet, and never throws", () => {
    const isThree = (n: number) => (n === 3 ? true : n < 3 ? "two lines cannot close a region" : "fewer will do");
    assert.deepEqual(printed(() => exercise("Exercise 1", undefined, isThree)), ["· Exercise 1: not attempted yet"]);
    assert.deepEqual(printed(() => exercise("Exercise 1", 2, isThree)), ["✗ Exercise 1: not yet. two lines cannot close a region"]);
    assert.deepEqual(printed(() => exercise("Exercise 1", 3, isThree)), ["✓ Exercise 1: right"]);
    let result: unknown = "not run";
    printed(() => (result = exercise("Exercise 1", 3, isThree)));
    assert.equal(result, undefined, "nothing for the notebook to print after the verdict");
    const broken = () => { throw new Error("boom"); };
    assert.deepEqual(printed(() => exercise("Exercise 2", 1, broken)), ["✗ Exercise 2: not yet. your answer raised an error: boom"]);
  });

  it("spread and formatSpread summarise runs over seeds", () => {
    const s = spread([0.9, 1, 0.5, 0.7]);
    assert.deepEqual({ ...s, mean: Number(s.mean.toFixed(12)) }, { count: 4, min: 0.5, median: 0.8, mean: 0.775, max: 1 });
    assert.equal(formatSpread(s), "median 0.80 (min 0.50, max 1.00) over 4 runs");
    assert.throws(() => spread([]), /spread: expected a non-empty array of numbers, got an array of length 0/);
  });

  it("printTable aligns columns", () => {
    assert.deepEqual(printed(() => printTable([{ net: "1x3", accuracy: 0.5 }, { net: "3x8 relu", accuracy: 0.98765 }])), [
      "net       accuracy\n--------  --------\n1x3       0.5\n3x8 relu  0.9877",
    ]);
  });

  it("printTable shows the header given for a column key, and names a header that is not a column", () => {
    assert.deepEqual(printed(() => printTable([{ net: "1x3", accuracy: 0.5 }], { headers: { accuracy: "test accuracy" } })), [
      "net  test accuracy\n---  -------------\n1x3  0.5",
    ]);
    assert.throws(() => printTable([{ net: "1x3" }], { headers: { nets: "x" } }), /printTable: headers names "nets", which is not a column; the columns are net/);
    assert.throws(() => printTable([{ net: "1x3" }], { header: {} } as never), /unknown option "header"/);
  });

  it("formatTable pads each column to its widest cell, right-aligns where asked and trims line ends", () => {
    const rows = [["notebook", "cells", "status"], ["01-beans.ipynb", "12", "written"], ["x.ipynb", "-", "failed: at cell 4"]];
    assert.equal(
      formatTable(rows, { align: ["left", "right"], indent: "  " }),
      ["  notebook        cells  status", "  01-beans.ipynb     12  written", "  x.ipynb             -  failed: at cell 4"].join("\n"),
    );
    assert.equal(formatTable([["a", ""], ["bb"]], { rule: true }), "a\n--\nbb");
    assert.equal(formatTable([]), "");
  });
});
