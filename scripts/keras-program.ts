/**
 * `npm start`: the course's lesson-9 Keras program, in beanlab. The Python original:
 *
 *   X, Y = dataset.get_beans(100)
 *   model = Sequential()
 *   model.add(Dense(units=8, activation='relu', input_dim=2))
 *   model.add(Dense(units=8, activation='relu'))
 *   model.add(Dense(units=8, activation='relu'))
 *   model.add(Dense(units=1, activation='sigmoid'))
 *   model.compile(loss='mse', optimizer=SGD(learning_rate=0.05), metrics=['accuracy'])
 *   model.fit(X, Y, epochs=5000, batch_size=10)
 */
import { Sequential, Dense, SGD, datasets } from "../lib/index";
import { formatTable } from "../lib/util/table";
import { isUsage, printUsage, readCommandLine } from "./cli";

const USAGE = `usage: npm start
  Trains the course's lesson-9 Keras program in beanlab on the 100 beans and prints its progress.
`;

async function main(): Promise<void> {
  const { X, y } = datasets.beans({ n: 100, seed: 1 });

  const model = new Sequential({ seed: 7 });
  model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }), metrics: ["accuracy"] });
  model.summary();

  const start = process.hrtime.bigint();
  const history = await model.fit(X, y, { epochs: 5000, batchSize: 10, verbose: 0 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const epochs = [1, 100, 500, 1000, 2000, 3000, 4000, 5000];
  const rows = epochs.map((epoch) => [String(epoch), history.history.loss[epoch - 1].toFixed(4), history.history.accuracy[epoch - 1].toFixed(2)]);
  console.log("\n" + formatTable([["epoch", "loss", "accuracy"], ...rows], { align: ["right", "right", "right"] }));
  const { accuracy } = model.evaluate(X, y);
  console.log(`\nfinal accuracy on the ${X.length} beans: ${(accuracy * 100).toFixed(0)}%`);
  console.log(`5,000 epochs took ${seconds.toFixed(2)} s`);
}

const line = readCommandLine(process.argv.slice(2), USAGE, {});
if (isUsage(line)) process.exitCode = printUsage(line);
else {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
