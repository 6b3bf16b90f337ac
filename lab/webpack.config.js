// Bundles index.js into build/, and copies the plugins' schemas and themes there with JupyterLab's builder.
const crypto = require("crypto");
const webpack = require("webpack");
const { Build } = require("@jupyterlab/builder");
const pkg = require("./package.json");

// Some loaders ask for md4, which Node's OpenSSL 3 refuses.
const createHash = crypto.createHash;
crypto.createHash = (algorithm) => createHash(algorithm === "md4" ? "sha256" : algorithm);

const assets = Build.ensureAssets({ packageNames: pkg.jupyterlab.extensions, output: "./build", hashFunction: "sha256" });

const svgInCss = { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.css$/, use: { loader: "svg-url-loader", options: { encoding: "none", limit: 10000 } } };
const svgInJs = { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, use: "raw-loader" };
const font = (ext, mimetype) => ({ test: new RegExp(`\\.${ext}(\\?v=\\d+\\.\\d+\\.\\d+)?$`), use: `url-loader?limit=10000&mimetype=${mimetype}` });

module.exports = [
  {
    entry: ["whatwg-fetch", "./index.js"],
    output: { path: __dirname + "/build", filename: "bundle.js" },
    bail: true,
    mode: "production",
    performance: { hints: false },
    module: {
      rules: [
        { test: /\.css$/, use: ["style-loader", "css-loader"] },
        { test: /\.html$/, use: "file-loader" },
        { test: /\.md$/, use: "raw-loader" },
        { test: /\.(jpg|png|gif)$/, use: "file-loader" },
        { test: /\.js.map$/, use: "file-loader" },
        font("woff2", "application/font-woff"),
        font("woff", "application/font-woff"),
        font("ttf", "application/octet-stream"),
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, use: "file-loader" },
        svgInCss,
        svgInJs,
      ],
    },
    plugins: [new webpack.DefinePlugin({ "process.env": "{}", process: { cwd: () => "/" } })],
  },
].concat(assets);
