"""The Nu HTML Checker (vnu.jar), run on saved pages: it refuses loopback
addresses, and one Java start for every page is faster than one each."""

import json
import subprocess

from .tools import VNU_JAR


def check_files(paths):
    """{path: [error messages]} for the given HTML files (every path listed)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
        + [str(path) for path in paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    errors = {str(path): [] for path in paths}
    for message in report["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = message.get("url", "").removeprefix("file:")
            key = next((p for p in errors if name.endswith(p)), name)
            where = f"line {message.get('lastLine', '?')}"
            errors.setdefault(key, []).append(f"{where}: {message['message']}")
    return errors


def invalid_pages(responses, folder):
    """{name: [error messages]} of the responses ({name: response}) the
    checker finds errors in, each saved under `folder` first."""
    files = {}
    for name, response in responses.items():
        assert response.status_code == 200, name
        path = folder / f"{name}.html"
        path.write_bytes(response.content)
        files[str(path)] = name
    errors = check_files(list(files))
    return {files[path]: messages for path, messages in errors.items() if messages}
