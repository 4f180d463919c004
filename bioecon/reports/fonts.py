"""The fonts bulletins embed in their PDFs: Noto Serif SC and Noto Sans SC (SIL Open Font
License 1.1), from npm (@expo-google-fonts/noto-serif-sc, …/noto-sans-sc), copied into the
installed package by the build (setup.py), so no font is assumed on the machine."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bioecon.errors import ConfigurationError

FOLDER = ("static", "vendor", "fonts")
# role in a 公文 → the shipped face standing in for it
FACES = {
    "title": "noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",  # 小标宋-style
    "body": "noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",  # 仿宋-style
    "heading1": "noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",  # 黑体-style
    "heading2": "noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",  # 楷体-style
}


def font_path(role: str) -> Path:
    """The font file of ``role`` in the installed package."""
    path = Path(str(resources.files("bioecon.web").joinpath(*FOLDER, FACES[role])))
    if not path.is_file():
        raise ConfigurationError(
            f"缺少报告字体 {path}：请重新安装（make install），字体随安装包分发"
        )
    return path
