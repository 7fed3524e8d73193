"""Arms-cooperation dataset pipeline: articles in, a validated data package out."""

from pathlib import Path

__version__ = "0.2.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
# A checkout (or an editable install) reads the schemas, registry, lexicons and default corpus where they are;
# an installed wheel carries them inside the package, in pipeline/share/ (mapped there by pyproject.toml).
IN_CHECKOUT = (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "schemas").is_dir()
FILES_ROOT = REPO_ROOT if IN_CHECKOUT else Path(__file__).resolve().parent / "share"
SCHEMA_DIR = FILES_ROOT / "schemas"
DEFAULT_SOURCES = FILES_ROOT / "data" / "corpus"
REGISTRY_DIR = FILES_ROOT / "data" / "registry"
LEXICON_DIR = FILES_ROOT / "data" / "lexicons"
# Where commands look for a package when given none: the repository's own, or the working directory.
DEFAULT_PACKAGE = REPO_ROOT if IN_CHECKOUT else Path(".")
