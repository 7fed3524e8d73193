"""Arms-cooperation dataset pipeline: articles in, a validated data package out."""

from pathlib import Path

__version__ = "0.2.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO_ROOT / "schemas"
DEFAULT_SOURCES = REPO_ROOT / "data" / "corpus"
REGISTRY_DIR = REPO_ROOT / "data" / "registry"
