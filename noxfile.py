"""nox sessions. `./run <session>` runs them inside the project's .venv (`nox --no-venv`);
plain `nox -s <session>` builds a fresh virtualenv per session."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "regen_check", "tests"]

PYTHONS = ["3.11", "3.12", "3.13"]
DEV = ".[dev]"


def _install(session: nox.Session) -> None:
    # With --no-venv (./run) the .venv is already installed; installing would touch the user's env.
    if not isinstance(session.virtualenv, nox.virtualenv.PassthroughEnv):
        session.install("-e", DEV)


@nox.session
def regen(session: nox.Session) -> None:
    """Regenerate generated/connectpsp_client from openapi/index.yaml (args go to scripts/regen)."""
    _install(session)
    session.run("python", "scripts/regen.py", *session.posargs)


@nox.session
def regen_check(session: nox.Session) -> None:
    """Fail when generated/ drifts from the spec."""
    _install(session)
    session.run("python", "scripts/regen.py", "--check")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff lint + format check (generated code is excluded; regen formats it), and the sync
    client core still generated from its async source (scripts/unasync.py)."""
    _install(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("python", "scripts/unasync.py", "--check")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the generated client, the extension layer and the mock."""
    _install(session)
    session.run("mypy")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The unit, integration and scaled-down soak tests (pytest)."""
    _install(session)
    session.run("pytest", *session.posargs)


@nox.session
def contract(session: nox.Session) -> None:
    """The main job: the contract suite (schemathesis over every operation + client flow tests)
    against the embedded mock, or staging when CONNECTPSP_BASE_URL and credentials are set.
    Writes reports/contract-junit.xml and reports/contract-summary.md (docs/contract-tests.md)."""
    _install(session)
    session.run(
        "python",
        "-m",
        "pytest",
        "contract_tests",
        "--junitxml=reports/contract-junit.xml",
        "-o",
        "junit_suite_name=connectpsp-contract",
        "--timeout=900",  # the shared schemathesis run happens inside the first test's setup
        *session.posargs,
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: SDK overhead and async throughput vs bare httpx, mock vs Prism throughput,
    regen and contract-suite time; table + reports/bench.{md,json} (docs/benchmarks.md)."""
    _install(session)
    session.run("python", "-m", "bench", *session.posargs)


@nox.session
def soak(session: nox.Session) -> None:
    """Fault-injection soak: 10,000 money-moving calls through the SDK against the mock with
    >= 20% faults, then reconciliation; fails on any duplicate, lost outcome or balance drift."""
    _install(session)
    session.run("python", "-m", "bench.soak", *session.posargs)
