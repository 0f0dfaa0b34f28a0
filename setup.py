"""The optional C screen of the metadata pass (`newsarchive.parse._scan`).

Everything else is declared in pyproject.toml. The extension is built against lxml's own
headers (libxml2's, as lxml bundles them); when it cannot be built (no compiler, no lxml at
build time) the package installs without it and `read_page` visits every element itself.
"""

from setuptools import Extension, setup


def _include_dirs() -> list[str]:
    try:
        import lxml
    except ImportError:
        return []
    return list(lxml.get_include())


setup(
    ext_modules=[
        Extension(
            "newsarchive.parse._scan",
            ["src/newsarchive/parse/_scan.c"],
            include_dirs=_include_dirs(),
            optional=True,
        )
    ]
)
