import { Logs } from "./history";
import { TrainingCallback } from "./callbacks";

/** Options of `ProgressLogger`. */
export interface ProgressArgs {
  /** 1: one line, redrawn in place in a terminal, about ten lines elsewhere; 2: a line per epoch. */
  verbose: 1 | 2;
  /** The `epochs` of the fit (the index to stop before). */
  epochs: number;
  /** The fit's first epoch index. Default 0. */
  initialEpoch?: number;
  /** Where the text goes. Default process.stdout.write, looked up at each write (notebooks replace it). */
  print?: (text: string) => void;
  /** Whether the output is a terminal, where the line is redrawn in place. Default process.stdout.isTTY. */
  tty?: boolean;
}

/** Milliseconds between redraws of the progress line in a terminal. */
const REDRAW_MS = 100;

/** The callback behind `verbose`: epoch, loss and metrics, never timings, so a saved notebook output is the same on every run. */
export class ProgressLogger implements TrainingCallback {
  private readonly verbose: 1 | 2;
  private readonly epochs: number;
  private readonly initialEpoch: number;
  private readonly print: (text: string) => void;
  private readonly tty: boolean;
  private lastDraw = 0;
  private lastLine = "";

  constructor(args: ProgressArgs) {
    this.verbose = args.verbose;
    this.epochs = args.epochs;
    this.initialEpoch = args.initialEpoch ?? 0;
    this.print = args.print ?? ((text) => process.stdout.write(text));
    this.tty = args.tty ?? Boolean(process.stdout.isTTY);
  }

  /** Prints the epoch's line when its turn comes. */
  onEpochEnd(epoch: number, logs: Logs): void {
    const line = `Epoch ${epoch + 1}/${this.epochs} - ${Object.keys(logs).map((k) => `${k}: ${logs[k].toFixed(4)}`).join(" - ")}`;
    if (this.verbose === 2) {
      this.print(line + "\n");
    } else if (this.tty) {
      this.lastLine = line;
      const now = Date.now();
      if (now - this.lastDraw >= REDRAW_MS) {
        this.print("\r" + line + "\x1b[K");
        this.lastDraw = now;
      }
    } else {
      // About ten evenly spaced lines, always the first and the last epoch.
      const span = this.epochs - this.initialEpoch;
      const done = epoch + 1 - this.initialEpoch;
      const tenth = (e: number) => Math.floor((10 * e) / span);
      if (done === 1 || done === span || tenth(done) !== tenth(done - 1)) this.print(line + "\n");
    }
  }

  /** In a terminal, draws the last line for good and ends it. */
  onTrainEnd(): void {
    if (this.verbose === 1 && this.tty && this.lastLine) this.print("\r" + this.lastLine + "\x1b[K\n");
  }
}
