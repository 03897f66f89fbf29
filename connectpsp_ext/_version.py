"""The package version: the single source (pyproject.toml reads it through hatch, the client's
User-Agent and ``connectpsp --version`` report it). Bump it with a CHANGELOG.md release."""

__version__ = "0.1.0"
