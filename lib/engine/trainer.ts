import { Batches } from "./batches";
import { Layer } from "./layer";
import { Loss } from "./losses";
import { Matrix } from "./matrix";
import { backwardLayers, forwardLoss, parametersOf } from "./network";
import { Optimizer } from "./optimizers";
import { Rng } from "./rng";

/**
 * What `fitLoop` trains with, one batch at a time: the TypeScript layers (the readable reference)
 * or a compiled kernel. Both give the same bits: same shuffles, batches, losses and weights.
 */
export interface Trainer {
  /** The last batch's outputs [rows, k], for the metrics. */
  readonly output: Float64Array;
  /** The last batch's targets [rows, k]. */
  readonly targets: Float64Array;
  /** Each layer's dL/dW of the last batch, for the gradient-size recorder. */
  readonly kernelGrads: Float64Array[];
  /** Starts an epoch from the layers' weights, reshuffling the samples with `rng` if one is given. */
  startEpoch(rng: Rng | null): void;
  /**
   * One gradient step on the next batch, calling `onGradients` once its gradients are known;
   * returns the batch's rows (0 when the epoch has no more) and leaves its mean loss in `loss`.
   */
  next(onGradients: () => void): number;
  /** The mean loss of the last batch. */
  readonly loss: number;
  /** Ends the epoch: the layers get the trained weights, or (`keep` false) keep those it started from. */
  endEpoch(keep: boolean): void;
}

/** The reference trainer: forward, backward and the optimizer's step through the TypeScript layers. */
export class ReferenceTrainer implements Trainer {
  readonly targets: Float64Array;
  readonly kernelGrads: Float64Array[];
  loss = NaN;
  private readonly batches: Batches;
  private readonly params: ReturnType<typeof parametersOf>;
  private readonly snapshot: Float64Array[];

  constructor(
    private readonly layers: Layer[],
    private readonly lossFn: Loss,
    private readonly optimizer: Optimizer,
    data: { X: Matrix; y: Matrix },
    batchSize: number,
    carry: boolean,
  ) {
    this.batches = new Batches(data, batchSize, carry);
    for (const layer of layers) layer.reserve(this.batches.capacity);
    this.targets = this.batches.y;
    this.params = parametersOf(layers);
    this.snapshot = this.params.params.map((p) => new Float64Array(p.length));
    this.kernelGrads = layers.map((layer) => layer.weights().find((w) => w.name === "kernel")?.grad ?? new Float64Array(0));
  }

  get output(): Float64Array {
    return this.layers[this.layers.length - 1].a;
  }

  startEpoch(rng: Rng | null): void {
    this.params.params.forEach((p, i) => this.snapshot[i].set(p));
    this.batches.startEpoch(rng);
  }

  next(onGradients: () => void): number {
    const { layers, batches, lossFn } = this;
    const rows = batches.next();
    if (rows === 0) return 0;
    this.loss = forwardLoss(layers, batches.X, batches.y, rows, lossFn);
    backwardLayers(layers, batches.X, batches.y, rows, lossFn);
    onGradients();
    this.optimizer.step(this.params.params, this.params.grads, this.params.kernels);
    return rows;
  }

  endEpoch(keep: boolean): void {
    if (!keep) this.params.params.forEach((p, i) => p.set(this.snapshot[i]));
  }
}
