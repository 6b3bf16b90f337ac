// The JupyterLab 3.6 application that npm run lab-check serves: JupyterLab's own plugins, the JSON
// viewer and plotly's mime renderer (the renderer alone: the package's main plugin needs ipywidgets).
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";

// Assets are served from the server's static folder, so webpack must load chunks from there.
__webpack_public_path__ = PageConfig.getOption("fullStaticUrl") + "/";

const styles = import("./build/style.js");

const plugins = [
  import("@jupyterlab/application-extension"),
  import("@jupyterlab/apputils-extension"),
  import("@jupyterlab/celltags-extension"),
  import("@jupyterlab/codemirror-extension"),
  import("@jupyterlab/completer-extension"),
  import("@jupyterlab/console-extension"),
  import("@jupyterlab/csvviewer-extension"),
  import("@jupyterlab/docmanager-extension"),
  import("@jupyterlab/filebrowser-extension"),
  import("@jupyterlab/fileeditor-extension"),
  import("@jupyterlab/help-extension"),
  import("@jupyterlab/imageviewer-extension"),
  import("@jupyterlab/inspector-extension"),
  import("@jupyterlab/launcher-extension"),
  import("@jupyterlab/mainmenu-extension"),
  import("@jupyterlab/markdownviewer-extension"),
  import("@jupyterlab/mathjax2-extension"),
  import("@jupyterlab/notebook-extension"),
  import("@jupyterlab/rendermime-extension"),
  import("@jupyterlab/running-extension"),
  import("@jupyterlab/settingeditor-extension"),
  import("@jupyterlab/shortcuts-extension"),
  import("@jupyterlab/statusbar-extension"),
  import("@jupyterlab/theme-dark-extension"),
  import("@jupyterlab/theme-light-extension"),
  import("@jupyterlab/toc-extension"),
  import("@jupyterlab/tooltip-extension"),
  import("@jupyterlab/translation-extension"),
  import("@jupyterlab/ui-components-extension"),
];

const mimeRenderers = [import("@jupyterlab/json-extension"), import("jupyterlab-plotly/lib/plotly-renderer")];

window.addEventListener("load", async () => {
  await styles;
  const lab = new JupyterLab({ mimeExtensions: await Promise.all(mimeRenderers) });
  lab.registerPluginModules(await Promise.all(plugins));
  await lab.start();
  await lab.restored;
  // lab-check reads notebook models and runs commands through this handle, as JupyterLab's own UI tests do.
  window.jupyterapp = lab;
  document.body.dataset.labReady = "true";
});
