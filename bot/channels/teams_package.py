"""The Teams app package (manifest and icons in a zip) that an administrator uploads or a
tester sideloads. The manifest template lies in `teams_app/`; we fill in the bot's client id
and the public address of the service."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import SettingsError
from bot.texts import nl

APP_DIR = Path(__file__).with_name("teams_app")
ICONS = ("color.png", "outline.png")


def manifest(client_id: str, public_url: str) -> dict[str, object]:
    if not client_id:
        raise SettingsError(nl.TEAMS_PACKAGE_NEEDS.format(name="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"))
    parts = urlsplit(public_url)
    if parts.scheme != "https" or not parts.hostname:
        raise SettingsError(nl.TEAMS_PACKAGE_NEEDS.format(name="VRAAGWIJZER_PUBLIC_URL (https://...)"))
    text = (APP_DIR / "manifest.json").read_text(encoding="utf-8")
    # Values go in as JSON strings, so no character of them can change the document's shape.
    values = {"CLIENT_ID": client_id, "PUBLIC_URL": public_url.rstrip("/"), "PUBLIC_HOST": parts.hostname}
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", json.dumps(value)[1:-1])
    data: dict[str, object] = json.loads(text)
    return data


def write_package(client_id: str, public_url: str, target: Path) -> Path:
    content = json.dumps(manifest(client_id, public_url), ensure_ascii=False, indent=2)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", content)
        for icon in ICONS:
            package.write(APP_DIR / icon, icon)
    return target
