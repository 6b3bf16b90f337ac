"""Serves the front end built in build/ with Debian's jupyter-server and jupyterlab-server (for npm run lab-check)."""
import json
import os

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

# Configuration files on this machine must not change what the check sees.
os.environ["JUPYTER_NO_CONFIG"] = "1"

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


class LabCheckApp(LabServerApp):
    """JupyterLab's front end from build/, with no other server extensions and no terminals."""

    extension_url = "/lab"
    default_url = "/lab"
    name = __name__
    load_other_extensions = False
    app_name = "beanlab lab-check"
    app_version = VERSION
    app_settings_dir = os.path.join(BUILD, "application_settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(BUILD, "user_settings")
    workspaces_dir = os.path.join(BUILD, "workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": LabCheckApp}]


if __name__ == "__main__":
    LabCheckApp.launch_instance()
