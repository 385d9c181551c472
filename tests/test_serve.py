"""`policysite serve` (what `make serve` runs): MkDocs' live preview, on 127.0.0.1 only, of a checked folder."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cli(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "policybuild.cli", "--root", str(root), *args]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("serve"), FIXTURES / "municipalities")


@pytest.mark.parametrize(("args", "expected"), [([], "Medborgerskabspolitikker"), (["-m", "alfa"], "Alfa Kommune")])
def test_serve_previews_the_portal_or_one_microsite_on_loopback_only(root: Path, args: list[str],
                                                                     expected: str) -> None:
    port = free_port()
    server = subprocess.Popen(cli(root, "serve", *args, "--port", str(port)), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        page = None
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the preview did not answer"
        assert expected in page
        # Bound to 127.0.0.1 itself, not to every address of the machine.
        listening = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True,
                                   check=False).stdout
        if listening:
            assert all(line.split()[3] == f"127.0.0.1:{port}" for line in listening.splitlines()), listening
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert f"Serving on http://127.0.0.1:{port}/" in output


@pytest.mark.parametrize("name", ["../docs", "nope", "ALFA", "alfa/../beta", "alfa\n", "-x", "/etc"])
def test_serve_takes_only_a_municipality_folder_by_its_name(root: Path, name: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from policybuild import cli as policysite

    assert policysite.main(["--root", str(root), "serve", f"--municipality={name}", "--port", "8000"]) == 1
    shown = capsys.readouterr()
    assert f"{name!r} er ikke en kommunes mappe i municipalities/. Kendte: alfa, beta." in shown.err
    assert f"{name!r} is not a municipality's folder in municipalities/. Known: alfa, beta." in shown.err
    assert "Serving" not in shown.out + shown.err


@pytest.mark.parametrize("port", ["0", "65536", "80x", "-1", "1 2"])
def test_serve_takes_only_a_port_number(root: Path, port: str, capsys: pytest.CaptureFixture[str]) -> None:
    from policybuild import cli as policysite

    with pytest.raises(SystemExit) as stopped:
        policysite.main(["--root", str(root), "serve", f"--port={port}"])
    assert stopped.value.code == 2 and "is not a port number" in capsys.readouterr().err
