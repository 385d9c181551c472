"""`make bench`: our build against a stock Material site and against the Markdown floor.

For synthetic corpora of 10, 30 and 98 municipalities (copies of the five real
policies, bench/corpus.py) it measures, in one run on this machine:

* ours: ``policysite build --clean`` from scratch (no catalog cache), in a
  subprocess, median of BENCH_RUNS runs, with the peak memory of the whole
  process tree (sampled from /proc);
* stock: the same Markdown as one plain Material + static-i18n site (98 only);
* the floor: Python-Markdown converting the same bodies with our extensions;
* incremental: one page's text edited, then ``policysite build``; the result
  compared byte for byte with a clean build of the edited corpus;
* page weight: gzip sizes of the policy pages, the search indexes, and what
  Chromium loads for the largest microsite's overview; and Lighthouse (mobile)
  on that page, median of three, when bench/node_modules has it.

It prints a table, then one JSON line with the figures for 98 municipalities.
Timings are machine-dependent; the ratios measured in the same run are what count.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus  # noqa: E402
from bench.stock import make_stock_project, markdown_floor, markdown_sources  # noqa: E402

PYTHON = sys.executable
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10 30 98").split())  # the last one gets every figure
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = REPO / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"


# ------------------------------------------------------------------ measuring

def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(current, ()))
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Run a command; (seconds, peak MB of its process tree, CPU seconds of the tree, output).

    CPU time (user + system of the command and every process it waited for) is what to compare on
    a shared machine: wall time there depends on what else runs. Fails loudly if the command fails.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, peak / 1024, cpu, output


PDF_LINE = re.compile(r"^built .* in ([0-9.]+) s(?: \(of which the PDFs ([0-9.]+) s\))?$", re.MULTILINE)


def pdf_share(output: str) -> tuple[float, float]:
    """(seconds of every site's build, of which making PDFs), summed over the sites a build reports."""
    sites = pdfs = 0.0
    for match in PDF_LINE.finditer(output):
        sites += float(match.group(1))
        pdfs += float(match.group(2) or 0)
    return sites, pdfs


def build_ours(corpus: Path, clean: bool = True) -> tuple[float, float, float, str]:
    if clean:
        shutil.rmtree(corpus / ".cache", ignore_errors=True)
        shutil.rmtree(corpus / "site", ignore_errors=True)
    command = [PYTHON, "-m", "policybuild.cli", "--root", str(corpus), "build"] + (["--clean"] if clean else [])
    return timed(command, corpus)


def build_stock(project: Path) -> tuple[float, float]:
    shutil.rmtree(project / "site", ignore_errors=True)
    code = ("import logging, sys; logging.basicConfig(level=logging.ERROR); sys.path.insert(0, %r);"
            "from bench.stock import build_stock; from pathlib import Path; build_stock(Path(%r))") % (
                str(REPO), str(project))
    seconds, _, cpu, _ = timed([PYTHON, "-c", code], project)
    return seconds, cpu


def policy_pages(site: Path, slugs: list[str]) -> list[Path]:
    """Every page of every microsite (both languages), without 404 pages and /was redirects."""
    pages = []
    for slug in slugs:
        for path in (site / slug).rglob("index.html"):
            if path.parent.name != "was":
                pages.append(path)
    return pages


def gz_kb(data: bytes) -> float:
    return len(gzip.compress(data, compresslevel=9, mtime=0)) / 1024


def tree_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def median(values: list[float]) -> float:
    return statistics.median(values)


# ------------------------------------------------------------------ browser

class Server:
    """The built site on 127.0.0.1, gzipping text as a web host (GitHub Pages) does."""

    def __init__(self, root: Path) -> None:
        import functools
        import http.server

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def send_head(self):  # type: ignore[override]
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    if not self.path.split("?")[0].endswith("/"):
                        return super().send_head()
                    path = path / "index.html"
                textual = path.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg"}
                if not textual or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
                    return super().send_head()
                import io

                body = gzip.compress(path.read_bytes(), mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_port}/"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def journey_kb_gz(site: Path, addresses: list[str]) -> list[tuple[float, list[str]]]:
    """What Chromium fetches for each page of a reader's journey, in one browser (gzip sizes).

    The first page is a first load; each later one counts only what no earlier page of the journey
    fetched (what a browser's cache holds), so a theme served once shows up as HTML only.
    """
    from playwright.sync_api import sync_playwright

    seen: set[str] = set()
    steps: list[tuple[float, list[str]]] = []
    with Server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 412, "height": 823})
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        for address in addresses:
            urls.clear()
            page.goto(base + address, wait_until="networkidle")
            total = 0.0
            loaded = []
            for url in dict.fromkeys(url.split("#")[0] for url in urls):
                if url in seen:
                    continue
                seen.add(url)
                path = site / url[len(base):].split("?")[0]
                if path.is_dir() or url.endswith("/"):
                    path = path / "index.html"
                if path.is_file():
                    size = gz_kb(path.read_bytes())
                    total += size
                    loaded.append(f"{url[len(base):] or '/'} {size:.1f} KB")
            steps.append((total, loaded))
        browser.close()
    return steps


def lighthouse(site: Path, address: str) -> dict[str, float] | None:
    """Lighthouse's four category scores (mobile), median of three runs; None without Lighthouse."""
    if not LIGHTHOUSE.is_file() or not shutil.which("node"):
        return None
    scores: dict[str, list[float]] = {}
    with Server(site) as base:
        for _ in range(3):
            with tempfile.TemporaryDirectory() as folder:
                report = Path(folder) / "report.json"
                subprocess.run(
                    ["node", str(LIGHTHOUSE), base + address, "--quiet", "--output=json",
                     f"--output-path={report}", "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                    check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                data = json.loads(report.read_text(encoding="utf-8"))
            for key, category in data["categories"].items():
                scores.setdefault(key, []).append(round(category["score"] * 100))
    return {key: median(values) for key, values in scores.items()}


# ------------------------------------------------------------------ the run

def edit_one_page(corpus: Path) -> Path:
    """Add a sentence to one page's text (not its front-matter) in the middle of the corpus."""
    folders = sorted(p for p in (corpus / "municipalities").iterdir() if p.is_dir())
    folder = folders[len(folders) // 2]
    page = sorted(p for p in folder.glob("*.md") if not p.name.startswith("index"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere, skrevet af benchmarken.\n",
                    encoding="utf-8")
    return page


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="policybench-"))
    rows = []
    figures: dict[str, object] = {}
    try:
        for count in SIZES:
            corpus = make_corpus(REPO, work / f"corpus-{count}", count)
            slugs = sorted(p.name for p in (corpus / "municipalities").iterdir() if p.is_dir())
            runs = [build_ours(corpus) for _ in range(RUNS)]
            seconds = median([r[0] for r in runs])
            peak = max(r[1] for r in runs)
            cpu = median([r[2] for r in runs])
            shares = [pdf_share(r[3]) for r in runs]
            site_s, pdf_s = median([x[0] for x in shares]), median([x[1] for x in shares])
            site = corpus / "site"
            pages = policy_pages(site, slugs)
            all_pages = [p for p in site.rglob("*.html")]
            sizes = [gz_kb(p.read_bytes()) for p in pages]
            row = {"municipalities": count, "pages": len(all_pages), "policy_pages": len(pages),
                   "ours_s": seconds, "per_page_ms": 1000 * seconds / len(all_pages),
                   "html_kb_gz_mean": statistics.mean(sizes), "html_kb_gz_max": max(sizes),
                   "peak_rss_mb": peak, "ours_cpu_s": cpu, "sites_s_sum": site_s, "pdf_s_sum": pdf_s,
                   # The HTML build alone: the build's time less the PDFs' share of the sites' time.
                   "ours_html_s": seconds * (1 - pdf_s / site_s) if site_s else seconds}
            rows.append(row)
            if count == SIZES[-1]:
                figures.update(row)
                sources = markdown_sources(corpus)
                figures["markdown_floor_s"] = median([markdown_floor(REPO, sources) for _ in range(RUNS)])
                stock = make_stock_project(corpus, work / "stock", REPO)
                stock_runs = [build_stock(stock) for _ in range(RUNS)]
                figures["stock_s"] = median([r[0] for r in stock_runs])
                figures["stock_cpu_s"] = median([r[1] for r in stock_runs])
                stock_pages = [p for p in (stock / "site").rglob("*.html") if p.name != "404.html"]
                figures["stock_html_kb_max"] = max(p.stat().st_size for p in stock_pages) / 1024
                figures["stock_search_kb_gz"] = gz_kb((stock / "site" / "search" / "search_index.json").read_bytes())
                indexes = list(site.rglob("search_index.json"))
                figures["search_kb_gz_max"] = max(gz_kb(p.read_bytes()) for p in indexes)
                figures["search_indexes"] = len(indexes)
                # The largest microsite: the most HTML on its overview page.
                largest = max(slugs, key=lambda slug: (site / slug / "index.html").stat().st_size)
                figures["first_load_page"] = f"{largest}/"
                second = next(slug for slug in slugs if slug != largest)
                figures["second_microsite_page"] = f"{second}/"
                (figures["first_load_kb_gz"], figures["first_load"]), = journey_kb_gz(site, [f"{largest}/"])
                # A reader on the portal who opens one microsite, then another.
                portal, after_portal, then_second = journey_kb_gz(site, ["", f"{largest}/", f"{second}/"])
                figures["portal_first_load_kb_gz"] = portal[0]
                figures["microsite_after_portal_kb_gz"], figures["microsite_after_portal"] = after_portal
                figures["second_microsite_kb_gz"], figures["second_microsite"] = then_second
                # Incremental: edit one page, rebuild, compare with a clean build of the edited corpus.
                edited = edit_one_page(corpus)
                first_incremental = build_ours(corpus, clean=False)
                incremental = [first_incremental[0]]
                incremental_cpu = [first_incremental[2]]
                after = tree_files(site)
                for _ in range(RUNS - 1):  # the same edit again, as a reader-visible change each time
                    edited.write_text(edited.read_text(encoding="utf-8") + "Og en til.\n", encoding="utf-8")
                    again = build_ours(corpus, clean=False)
                    incremental.append(again[0])
                    incremental_cpu.append(again[2])
                    after = tree_files(site)
                figures["incremental_s"] = median(incremental)
                figures["incremental_cpu_s"] = median(incremental_cpu)
                figures["incremental_page"] = edited.relative_to(corpus).as_posix()
                build_ours(corpus)
                clean = tree_files(site)
                figures["incremental_identical"] = after == clean
                # Reproducible: a second clean build is identical to the first.
                build_ours(corpus)
                figures["reproducible"] = tree_files(site) == clean
                figures["lighthouse"] = lighthouse(site, f"{largest}/")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    first, last = rows[0], rows[-1]
    figures["per_page_ms_10"] = first["per_page_ms"]  # the smallest corpus (10 unless BENCH_SIZES says)
    figures["per_page_ms_98"] = last["per_page_ms"]  # the largest
    figures["per_page_growth"] = last["per_page_ms"] / first["per_page_ms"]
    figures["html_kb_gz_mean_growth"] = last["html_kb_gz_mean"] / first["html_kb_gz_mean"]
    figures["speedup_vs_stock"] = figures["stock_s"] / figures["ours_s"]
    figures["speedup_vs_stock_cpu"] = figures["stock_cpu_s"] / figures["ours_cpu_s"]
    # Stock makes no PDFs: the like-for-like figure compares the HTML build.
    figures["speedup_vs_stock_html"] = figures["stock_s"] / figures["ours_html_s"]
    figures["ratio_to_markdown_floor"] = figures["ours_s"] / figures["markdown_floor_s"]
    figures["ratio_to_markdown_floor_html"] = figures["ours_html_s"] / figures["markdown_floor_s"]
    figures["runs"] = RUNS
    figures["cores"] = os.cpu_count()

    print(f"{'municipalities':>14} {'pages':>6} {'build s':>8} {'ms/page':>8} {'HTML KB gz mean':>16} "
          f"{'max':>6} {'peak MB':>8}")
    for row in rows:
        print(f"{row['municipalities']:>14} {row['pages']:>6} {row['ours_s']:>8.2f} {row['per_page_ms']:>8.2f} "
              f"{row['html_kb_gz_mean']:>16.1f} {row['html_kb_gz_max']:>6.1f} {row['peak_rss_mb']:>8.0f}")
    print(f"stock Material + static-i18n, {last['municipalities']} municipalities: {figures['stock_s']:.2f} s "
          f"(largest page {figures['stock_html_kb_max']:.0f} KB, one search index of "
          f"{figures['stock_search_kb_gz']:.0f} KB gz)")
    print(f"Python-Markdown alone (one process): {figures['markdown_floor_s']:.2f} s")
    print(f"incremental after editing {figures['incremental_page']}: {figures['incremental_s']:.2f} s, "
          f"identical to a clean build: {figures['incremental_identical']}; "
          f"two clean builds identical: {figures['reproducible']}")
    print(f"of the sites' build time ({figures['sites_s_sum']:.2f} s summed over sites), the PDFs took "
          f"{figures['pdf_s_sum']:.2f} s; the HTML build alone: about {figures['ours_html_s']:.2f} s "
          f"(CPU of the whole build {figures['ours_cpu_s']:.2f} s, stock {figures['stock_cpu_s']:.2f} s)")
    print(f"first load of {figures['first_load_page']}: {figures['first_load_kb_gz']:.1f} KB gz")
    for line in figures["first_load"]:
        print(f"  {line}")
    print(f"the portal, then {figures['first_load_page']}: {figures['microsite_after_portal_kb_gz']:.1f} KB gz more; "
          f"then {figures['second_microsite_page']}: {figures['second_microsite_kb_gz']:.1f} KB gz more")
    for line in figures["second_microsite"]:
        print(f"  {line}")
    print(f"Lighthouse (mobile, median of 3): {figures['lighthouse'] or 'not installed (npm ci --prefix bench)'}")
    keys = ("municipalities", "pages", "ours_s", "ours_cpu_s", "ours_html_s", "pdf_s_sum", "stock_s", "stock_cpu_s",
            "markdown_floor_s", "speedup_vs_stock", "speedup_vs_stock_cpu", "speedup_vs_stock_html",
            "ratio_to_markdown_floor", "ratio_to_markdown_floor_html", "per_page_ms_10", "per_page_ms_98",
            "per_page_growth", "incremental_s", "incremental_cpu_s", "incremental_identical", "reproducible",
            "html_kb_gz_max", "html_kb_gz_mean_growth", "first_load_kb_gz", "portal_first_load_kb_gz",
            "microsite_after_portal_kb_gz", "second_microsite_kb_gz", "search_kb_gz_max", "search_indexes",
            "peak_rss_mb", "lighthouse", "engine", "runs", "cores")
    figures["engine"] = os.environ.get("POLICY_ENGINE") or "mkdocs"
    print(json.dumps({key: (round(figures[key], 3) if isinstance(figures[key], float) else figures[key])
                      for key in keys}, ensure_ascii=False))


if __name__ == "__main__":
    main()
