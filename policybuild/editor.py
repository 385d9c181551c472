"""``make edit``: the browser editor on 127.0.0.1, against the working copy.

One address serves everything the editor page loads, so it makes no request off
its own origin:

- ``/admin/``: the editor page (editor/static/index.html), Decap CMS's prebuilt
  bundle from editor/node_modules/decap-cms/dist/ (pinned in editor/package-lock.json),
  the YAML library it writes with, our scripts and the preview's stylesheet;
- ``/admin/config.json`` and ``/admin/settings.json``: generated from the schema
  on every request (policysite/cms.py), so a change to themes.yml shows on reload;
- ``/api/v1``: Decap's local backend, ``decap-server`` (pinned in npm), which this
  command starts on another free port of 127.0.0.1 in its file-system mode: saving
  writes the files in ``municipalities/``; committing them is the editor's next step.

Requests must name this address as their host (no other site can reach it through
DNS rebinding) and saves must come from the editor page itself. Ctrl-C stops both.
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import http.server
import json
import mimetypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from policysite import cms
from policysite.layout import INDEX_FILE

REPO = Path(__file__).resolve().parent.parent
EDITOR = REPO / "editor"
STATIC = EDITOR / "static"
MODULES = EDITOR / "node_modules"
DECAP_DIST = MODULES / "decap-cms" / "dist"
YAML_DIST = MODULES / "yaml" / "browser" / "dist"
DECAP_SERVER = MODULES / "decap-server" / "dist" / "index.js"
HOST = "127.0.0.1"
MAX_BODY = 20 * 1024 * 1024

# The editor page's own policy. Decap CMS compiles its configuration's JSON schema with
# ajv, which uses `new Function` (hence 'unsafe-eval'), and its styles are CSS-in-JS
# (hence 'unsafe-inline' for styles). Everything else is this origin only.
EDITOR_CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "child-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
))
HEADERS = {
    "Content-Security-Policy": EDITOR_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".json": "application/json; charset=utf-8",
         ".svg": "image/svg+xml", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8"}
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")

MESSAGES = {
    "da": "Redigeringen kører. Åbn denne adresse i din browser: {address}\n"
          "Tryk Ctrl+C her for at stoppe redigeringen.",
    "en": "The editor is running. Open this address in your browser: {address}\n"
          "Press Ctrl+C here to stop the editor.",
    "missing": "Redigeringens programmer mangler i editor/node_modules. Kør `make edit`, som installerer dem.\n"
               "The editor's programs are missing from editor/node_modules. Run `make edit`, which installs them.",
    "stopped": "Redigeringen er stoppet. / The editor has stopped.",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _inside(base: Path, relative: str) -> Path | None:
    """base/relative if every part is a plain file name and the result is a file under base."""
    parts = relative.split("/")
    if not parts or any(not _NAME.fullmatch(part) for part in parts):
        return None
    path = base.joinpath(*parts)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if base.resolve() not in resolved.parents or not resolved.is_file():
        return None
    return resolved


def _die_with_parent() -> None:
    """In the child (Linux): stop decap-server if this command dies without cleaning up."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Editor:
    """The editor's HTTP server and its decap-server, for one project root."""

    def __init__(self, root: Path, port: int = 0, backend: cms.Backend = cms.Backend()):
        self.root = root.resolve()
        self.backend = backend
        self.port = port or free_port()
        self.api_port = free_port()
        self.server: http.server.ThreadingHTTPServer | None = None
        self.process: subprocess.Popen | None = None
        self.workdir: Path | None = None

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.port}/admin/"

    # ---- decap-server

    def start_api(self) -> None:
        if not DECAP_SERVER.is_file() or not (DECAP_DIST / "decap-cms.js").is_file():
            raise SystemExit(MESSAGES["missing"])
        node = shutil.which("node") or shutil.which("nodejs")
        if node is None:
            raise SystemExit("Node.js mangler / Node.js is missing: run `make edit`.")
        # decap-server reads a .env file from its working folder: give it an empty one of its own.
        self.workdir = Path(tempfile.mkdtemp(prefix="policysite-editor-"))
        env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "TMPDIR")}
        env.update(PORT=str(self.api_port), BIND_HOST=HOST, MODE="fs", GIT_REPO_DIRECTORY=str(self.root),
                   LOG_LEVEL="warn", NODE_ENV="production", ORIGIN=f"http://{HOST}:{self.port}")
        self.process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=self.workdir, env=env,
                                        stdin=subprocess.DEVNULL, start_new_session=True,
                                        preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"decap-server stopped at once (exit {self.process.returncode}).")
            with contextlib.suppress(OSError):
                with socket.create_connection((HOST, self.api_port), timeout=0.5):
                    return
            time.sleep(0.1)
        raise SystemExit("decap-server did not start within 30 seconds.")

    def stop_api(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    # ---- HTTP

    def generated(self, name: str) -> bytes:
        document = cms.config(self.root, self.backend) if name == "config.json" else cms.settings(self.root, self.backend)
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    def resolve(self, path: str) -> Path | bytes | None:
        """What GET /admin/<path> serves: a file, generated bytes, or None (404)."""
        if path in ("", INDEX_FILE):
            return STATIC / INDEX_FILE
        if path in ("config.json", "settings.json"):
            return self.generated(path)
        if path.startswith("vendor/yaml/"):
            found = _inside(YAML_DIST, path.removeprefix("vendor/yaml/"))
            return found if found is not None and found.suffix == ".js" else None
        if "/" not in path:
            found = _inside(STATIC, path)
            if found is not None and found.name != INDEX_FILE:
                return found
            found = _inside(DECAP_DIST, path)
            if found is not None and (found.suffix == ".wasm" or found.name.endswith("decap-cms.js")):
                return found
        return None

    def make_server(self) -> http.server.ThreadingHTTPServer:
        editor = self
        allowed_hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        origin = f"http://{HOST}:{self.port}"

        class Handler(http.server.BaseHTTPRequestHandler):
            server_version = "policysite-editor"
            sys_version = ""

            def log_message(self, format: str, *args) -> None:  # quiet; errors are shown in the page
                pass

            def send(self, status: int, body: bytes = b"", content_type: str = "text/plain; charset=utf-8",
                     extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for key, value in {**HEADERS, **(extra or {})}.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def host_ok(self) -> bool:
                if self.headers.get("Host", "") not in allowed_hosts:
                    self.send(421, b"Misdirected request")
                    return False
                return True

            def do_GET(self) -> None:  # noqa: N802
                if not self.host_ok():
                    return
                path = urlsplit(self.path).path
                if path in ("/", "/admin"):
                    self.send(302, extra={"Location": "/admin/"})
                    return
                if not path.startswith("/admin/"):
                    self.send(404, b"Not found")
                    return
                found = editor.resolve(path.removeprefix("/admin/"))
                if found is None:
                    self.send(404, b"Not found")
                elif isinstance(found, bytes):
                    self.send(200, found, TYPES[".json"])
                else:
                    kind = TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    self.send(200, found.read_bytes(), kind)

            do_HEAD = do_GET

            def do_POST(self) -> None:  # noqa: N802
                if not self.host_ok():
                    return
                if urlsplit(self.path).path != "/api/v1":
                    self.send(404, b"Not found")
                    return
                if self.headers.get("Origin", origin) != origin or "json" not in self.headers.get("Content-Type", ""):
                    self.send(403, b"Only the editor page may save.")
                    return
                length = int(self.headers.get("Content-Length") or 0)
                if length <= 0 or length > MAX_BODY:
                    self.send(413, b"Request too large")
                    return
                body = self.rfile.read(length)
                connection = http.client.HTTPConnection(HOST, editor.api_port, timeout=120)
                try:
                    connection.request("POST", "/api/v1", body, {"Content-Type": "application/json",
                                                                 "Origin": origin})
                    response = connection.getresponse()
                    data = response.read()
                    self.send(response.status, data, response.getheader("Content-Type", TYPES[".json"]))
                except OSError:
                    self.send(502, json.dumps({"error": "decap-server does not answer"}).encode(), TYPES[".json"])
                finally:
                    connection.close()

        server = http.server.ThreadingHTTPServer((HOST, self.port), Handler)
        server.daemon_threads = True
        return server

    @contextlib.contextmanager
    def running(self) -> Iterator[str]:
        """Start both servers; yield the address; stop both."""
        self.start_api()
        try:
            self.server = self.make_server()
            thread = threading.Thread(target=self.server.serve_forever, daemon=True)
            thread.start()
            try:
                yield self.address
            finally:
                self.server.shutdown()
                self.server.server_close()
                thread.join(timeout=5)
        finally:
            self.stop_api()


# ---------------------------------------------------------------- the published editor

def published_csp(backend: cms.Backend) -> str:
    """The editor's policy where it is published: the local one, plus GitHub's API and the OAuth proxy."""
    extra = ["https://api.github.com"]
    if backend.base_url:
        parts = urlsplit(backend.base_url)
        extra.append(f"{parts.scheme}://{parts.netloc}")
    policy = EDITOR_CSP.replace("connect-src 'self'", "connect-src 'self' " + " ".join(extra))
    policy = policy.replace("img-src 'self' blob: data:", "img-src 'self' blob: data: https://avatars.githubusercontent.com")
    # frame-ancestors is ignored in a <meta> policy; the host must send it as a header if it can
    return policy.replace("; frame-ancestors 'none'", "")


def export(root: Path, destination: Path, backend: cms.Backend) -> Path:
    """The editor as static files for an origin of its own, with the GitHub backend (see the editors' guide)."""
    if backend.name != "github":
        raise ValueError("the published editor uses the GitHub backend")
    if not (DECAP_DIST / "decap-cms.js").is_file() or not (YAML_DIST / "index.js").is_file():
        raise SystemExit(MESSAGES["missing"])
    destination = destination.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".editor-", dir=destination.parent))
    try:
        for path in STATIC.iterdir():
            if path.is_file() and path.name != INDEX_FILE:
                shutil.copy2(path, staging / path.name)
        page = (STATIC / INDEX_FILE).read_text(encoding="utf-8")
        meta = f'<meta http-equiv="Content-Security-Policy" content="{published_csp(backend)}">'
        page = page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{meta}', 1)
        (staging / INDEX_FILE).write_text(page, encoding="utf-8")
        for path in sorted(DECAP_DIST.iterdir()):
            if path.suffix == ".wasm" or path.name.endswith("decap-cms.js") or path.name == "decap-cms.js.LICENSE.txt":
                shutil.copy2(path, staging / path.name)
        vendor = staging / "vendor" / "yaml"
        for path in sorted(YAML_DIST.rglob("*.js")):
            target = vendor / path.relative_to(YAML_DIST)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        (staging / "config.json").write_text(json.dumps(cms.config(root, backend), ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        (staging / "settings.json").write_text(json.dumps(cms.settings(root, backend), ensure_ascii=False, indent=1),
                                               encoding="utf-8")
        (staging / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
        if destination.exists():
            shutil.rmtree(destination)
        staging.rename(destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return destination


def canonical(root: Path, files: list[Path]) -> list[Path]:
    """Rewrite content files in the canonical form the editor writes (editor/DECISION.md, "File shape").

    For moving content to a new shape (issue 12): a file written this way never changes shape
    when the editor saves it. The values are the same; `make check` reads them alike.
    Returns the files whose text changed.
    """
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None or not (YAML_DIST / "index.js").is_file():
        raise SystemExit(MESSAGES["missing"])
    settings = cms.settings(root)
    jobs = []
    for path in files:
        path = path.resolve()
        tree = settings["trees"]["overview" if path.name.split(".")[0] == "index" else "page"]
        jobs.append({"path": str(path), "text": path.read_text(encoding="utf-8"), "tree": tree})
    script = (
        f"import * as YAML from {json.dumps((YAML_DIST / 'index.js').as_uri())};\n"
        f"import {{ createPolicyYaml }} from {json.dumps((STATIC / 'policy-yaml.js').as_uri())};\n"
        "const P = createPolicyYaml(YAML);\n"
        "let raw = ''; for await (const chunk of process.stdin) raw += chunk;\n"
        "process.stdout.write(JSON.stringify(JSON.parse(raw).map(job => P.emitFile(P.parseFile(job.text), job.tree))));\n"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(jobs),
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    changed = []
    for job, text in zip(jobs, json.loads(result.stdout)):
        if text != job["text"]:
            Path(job["path"]).write_text(text, encoding="utf-8")
            changed.append(Path(job["path"]))
    return changed


def serve(root: Path, port: int, announce: Callable[[str], None] = print) -> None:
    """Run until Ctrl-C (SIGINT) or SIGTERM."""
    editor = Editor(root, port)
    stop = threading.Event()

    def on_signal(signum, frame) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with editor.running() as address:
        announce(MESSAGES["da"].format(address=address))
        announce(MESSAGES["en"].format(address=address))
        sys.stdout.flush()
        while not stop.wait(0.5):
            if editor.process is not None and editor.process.poll() is not None:
                announce("decap-server stoppede uventet. / decap-server stopped unexpectedly.")
                break
    announce(MESSAGES["stopped"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policybuild.editor", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (default: this folder)")
    parser.add_argument("--port", type=int, default=8020, help="the port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--export", type=Path, default=None,
                        help="write the published editor (GitHub backend) to this folder instead of serving it")
    parser.add_argument("--github", default="", help="owner/name of the repository, for --export")
    parser.add_argument("--branch", default="main", help="the branch pull requests go to, for --export")
    parser.add_argument("--auth-url", default="", help="the OAuth proxy's https:// address, for --export")
    parser.add_argument("--private-repo", action="store_true",
                        help="the repository is private: the token needs GitHub's scope repo, not public_repo")
    parser.add_argument("--canonical", type=Path, nargs="+", default=None, metavar="FILE",
                        help="rewrite these content files in the canonical form the editor writes, and stop")
    args = parser.parse_args(argv)
    if args.canonical:
        changed = canonical(args.root.resolve(), args.canonical)
        print(f"{len(changed)} af {len(args.canonical)} filer skrevet om / {len(changed)} of {len(args.canonical)} files rewritten")
        return 0
    if args.export is not None:
        try:
            backend = cms.Backend("github", repo=args.github, branch=args.branch, base_url=args.auth_url,
                                  auth_scope="repo" if args.private_repo else "public_repo")
        except ValueError as error:
            print("Redigeringen kan ikke skrives: GITHUB_REPO skal være ejer/navn og OAUTH_URL en https://-adresse.\n"
                  f"The editor cannot be written: {error}.", file=sys.stderr)
            return 2
        folder = export(args.root.resolve(), args.export, backend)
        print(f"Redigeringen er skrevet til {folder} / The editor was written to {folder}")
        return 0
    serve(args.root, args.port, lambda text: print(text, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
