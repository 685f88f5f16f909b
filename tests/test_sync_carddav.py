"""The whole loop with the real tools (slow): a CardDAV server (Radicale) on 127.0.0.1 with
a temporary store, vdirsyncer between it and a vdir, `netgarden sync` between the vdir and
the garden, and khard reading the folder netgarden writes.

The tools come from PyPI (`pip install -e '.[dav]'`; .ci/run installs them); without them
the test is skipped, saying which is missing. They are looked for beside this Python (the
same virtual environment), then on the PATH.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import vobject

from conftest import netgarden_ok

pytestmark = pytest.mark.slow

TOOLS = ("radicale", "vdirsyncer", "khard")
USER, PASSWORD = "ann", "not-a-secret"
# A card as a phone puts it on the server: a photo, Apple's labels, a social profile.
PHOTO = base64.b64encode(bytes(range(256)) * 4).decode()
BJORN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17.5.1//EN\r\n"
    "UID:BJORN-0001-ON-THE-PHONE\r\nN:Haug;Bjørn;;;\r\nFN:Bjørn Haug\r\n"
    "item1.EMAIL;type=INTERNET:bjorn@example.no\r\nitem1.X-ABLabel:Fjord\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+47 912 34 567\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/bjorn-haug\r\n"
    f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}\r\nEND:VCARD\r\n")


def tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.fixture
def tools() -> dict[str, str]:
    found = {name: tool(name) for name in TOOLS}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (pip install -e '.[dav]')")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(method: str, url: str, data: bytes | None = None) -> tuple[int, bytes]:
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    if data is not None:
        headers["Content-Type"] = "text/vcard; charset=utf-8"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers, method=method),
                                    timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def server(tmp_path, tools):
    """Radicale on 127.0.0.1 with a store in a temporary folder and one address book;
    its URL. Stopped afterwards."""
    storage = tmp_path / "radicale"
    book = storage / "collection-root" / USER / "contacts"
    book.mkdir(parents=True)
    (book / ".Radicale.props").write_text('{"tag": "VADDRESSBOOK"}')
    port = free_port()
    process = subprocess.Popen(
        [tools["radicale"], "--config", "", "--server-hosts", f"127.0.0.1:{port}",
         "--auth-type", "none", "--rights-type", "owner_only",
         "--storage-filesystem-folder", str(storage), "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/{USER}/contacts/"
    deadline = time.monotonic() + 30
    while True:
        try:
            if request("PROPFIND", url)[0] < 500:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"radicale did not start: {process.stderr.read().decode()[-500:]}")
        time.sleep(0.1)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def vdirsyncer(tools, config: Path, *args: str) -> None:
    done = subprocess.run([tools["vdirsyncer"], "-c", str(config), *args], input="y\n" * 5,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def server_cards(url: str) -> dict[str, vobject.base.Component]:
    """Every card on the server, parsed, by UID (a REPORT would do; Radicale also lists
    an address book's cards as one file on GET)."""
    status, body = request("GET", url)
    assert status == 200, body[:200]
    return {card.uid.value: card for card in vobject.readComponents(body.decode("utf-8"))}


def test_a_phones_card_comes_in_and_a_number_from_netgarden_goes_out_photo_and_all(
        tmp_path, tools, server):
    cards = tmp_path / "cards"
    cards.mkdir()
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(f"""[general]
status_path = "{tmp_path / 'vdirsyncer-status'}/"

[pair garden]
a = "garden_local"
b = "garden_server"
collections = null

[storage garden_local]
type = "filesystem"
path = "{cards}/"
fileext = ".vcf"

[storage garden_server]
type = "carddav"
url = "{server}"
username = "{USER}"
password = "{PASSWORD}"
""")
    # On the phone: a new contact, saved to the server.
    status, body = request("PUT", f"{server}bjorn-on-the-phone.vcf", BJORN.encode("utf-8"))
    assert status in (200, 201), body
    netgarden_ok(tmp_path, "add", "Ann Lee", "--email", "ann@example.com", "--phone",
                 "+44 20 7946 0000", "--company", "Acme")
    vdirsyncer(tools, config, "discover")
    vdirsyncer(tools, config, "sync")
    report = json.loads(netgarden_ok(tmp_path, "sync", "vdir", cards, "--json"))
    assert [(card["contact"], card["new"]) for card in report["read"]] == [("Bjørn Haug", True)]
    assert [card["contact"] for card in report["written"]] == ["Ann Lee"]
    bjorn = json.loads(netgarden_ok(tmp_path, "show", "Bjørn", "--json"))
    assert {m["value"] for m in bjorn["methods"]} == {"bjorn@example.no", "+47 912 34 567",
                                                      "https://www.linkedin.com/in/bjorn-haug"}

    # In netgarden: his number changed.
    netgarden_ok(tmp_path, "edit", "Bjørn", "--drop-phone", "+47 912 34 567",
                 "--phone", "+47 400 00 001")
    report = json.loads(netgarden_ok(tmp_path, "sync", "vdir", cards, "--json"))
    assert [card["contact"] for card in report["written"]] == ["Bjørn Haug"]
    vdirsyncer(tools, config, "sync")
    on_server = server_cards(server)
    assert set(on_server) >= {"BJORN-0001-ON-THE-PHONE"}
    card = on_server["BJORN-0001-ON-THE-PHONE"]
    assert {tel.value for tel in card.contents["tel"]} == {"+47 400 00 001"}
    assert card.photo.value == base64.b64decode(PHOTO)  # the photo, bit for bit
    assert card.contents["x-socialprofile"][0].value == "https://www.linkedin.com/in/bjorn-haug"
    assert any(line.value == "Fjord" for line in card.contents["x-ablabel"])
    ann = next(card for uid, card in on_server.items() if card.fn.value == "Ann Lee")
    assert ann.tel.value == "+44 20 7946 0000" and ann.org.value == ["Acme"]

    # Nothing new anywhere: nothing moves.
    before = {path.name: path.stat().st_mtime_ns for path in cards.iterdir()}
    vdirsyncer(tools, config, "sync")
    report = json.loads(netgarden_ok(tmp_path, "sync", "vdir", cards, "--json"))
    assert report["written"] == report["read"] == [] and report["unchanged"] == 2
    assert {path.name: path.stat().st_mtime_ns for path in cards.iterdir()} == before

    # khard reads the folder netgarden writes.
    khard_config = tmp_path / "khard.conf"
    khard_config.write_text(f"[addressbooks]\n[[garden]]\npath = {cards}\n\n[general]\n"
                            "default_action = list\neditor = true\nmerge_editor = true\n")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([tools["khard"], "-c", str(khard_config), "list", "--parsable"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert {line.split("\t")[1] for line in done.stdout.splitlines()} == {"Ann Lee", "Bjørn Haug"}
    done = subprocess.run([tools["khard"], "-c", str(khard_config), "phone", "--parsable"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert "+47 400 00 001" in done.stdout and "+44 20 7946 0000" in done.stdout
