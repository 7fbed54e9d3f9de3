"""The studio's words in Chinese and English, and which language to show.

The language follows the system locale (Chinese locales → ``zh``, all others →
``en``); the environment variable ``YUNZHAN_LANG=zh|en`` overrides it (tests use
that). Every string the window shows comes from :data:`STRINGS`.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "Yunzhan Studio",
        "menu.file": "&File",
        "action.new": "&New project…",
        "action.open": "&Open project…",
        "action.import_records": "Import &records…",
        "action.import_media": "Import &media…",
        "action.quit": "&Quit",
        "dialog.new": "New project",
        "dialog.open": "Open project",
        "dialog.import_records": "Import records",
        "dialog.import_media": "Import media",
        "filter.project": "Yunzhan projects (*.yunzhan)",
        "filter.records": "Records (*.csv *.tsv *.txt *.json)",
        "filter.media": "Media ({patterns})",
        "progress.import_records": "Importing records",
        "progress.import_media": "Importing media",
        "progress.working": "Working…",
        "progress.cancel": "Cancel",
        "status.no_project": "No project open. Use File → Open project.",
        "status.hits": "{count:,} objects",
        "status.hits_query": "{count:,} objects match “{query}”",
        "status.cancelled": "Cancelled: nothing was changed.",
        "status.imported_records": "Imported {rows:,} records ({added:,} new, {updated:,} updated).",
        "status.imported_media": "Imported {stored:,} media files ({linked:,} linked to objects, {unmatched:,} unmatched).",
        "search.placeholder": "Search: words, 瓷, maker:Turner…",
        "error.title": "Yunzhan",
        "column.accession": "Accession",
        "column.title": "Title",
        "column.maker": "Maker",
        "column.date": "Date",
        "column.culture": "Culture",
        "column.medium": "Medium",
        "record.empty": "Select an object to see its record.",
        "record.title_zh": "Title (Chinese)",
        "record.title_en": "Title (English)",
        "record.accession": "Accession",
        "record.maker": "Maker",
        "record.date": "Date",
        "record.years": "Years",
        "record.culture": "Culture",
        "record.medium": "Medium",
        "record.dimensions": "Dimensions",
        "record.credit_line": "Credit line",
        "record.description_zh": "Description (Chinese)",
        "record.description_en": "Description (English)",
        "record.rights": "Rights",
        "record.keywords": "Keywords",
        "record.media": "Media",
        "record.no_media": "No images",
    },
    "zh": {
        "app.title": "云展工作室",
        "menu.file": "文件(&F)",
        "action.new": "新建项目(&N)…",
        "action.open": "打开项目(&O)…",
        "action.import_records": "导入藏品记录(&R)…",
        "action.import_media": "导入媒体文件(&M)…",
        "action.quit": "退出(&Q)",
        "dialog.new": "新建项目",
        "dialog.open": "打开项目",
        "dialog.import_records": "导入藏品记录",
        "dialog.import_media": "导入媒体文件",
        "filter.project": "云展项目 (*.yunzhan)",
        "filter.records": "记录表 (*.csv *.tsv *.txt *.json)",
        "filter.media": "媒体文件 ({patterns})",
        "progress.import_records": "正在导入藏品记录",
        "progress.import_media": "正在导入媒体文件",
        "progress.working": "处理中…",
        "progress.cancel": "取消",
        "status.no_project": "尚未打开项目。请用“文件 → 打开项目”。",
        "status.hits": "共 {count:,} 件藏品",
        "status.hits_query": "“{query}”：找到 {count:,} 件藏品",
        "status.cancelled": "已取消，未做任何更改。",
        "status.imported_records": "已导入 {rows:,} 条记录（新增 {added:,}，更新 {updated:,}）。",
        "status.imported_media": "已导入 {stored:,} 个媒体文件（{linked:,} 个已关联藏品，{unmatched:,} 个未匹配）。",
        "search.placeholder": "搜索：瓷、青铜、作者:张…",
        "error.title": "云展",
        "column.accession": "编号",
        "column.title": "名称",
        "column.maker": "作者",
        "column.date": "年代",
        "column.culture": "文化",
        "column.medium": "材质",
        "record.empty": "选择一件藏品以查看其记录。",
        "record.title_zh": "中文名称",
        "record.title_en": "英文名称",
        "record.accession": "编号",
        "record.maker": "作者",
        "record.date": "年代",
        "record.years": "年份",
        "record.culture": "文化",
        "record.medium": "材质",
        "record.dimensions": "尺寸",
        "record.credit_line": "来源",
        "record.description_zh": "中文描述",
        "record.description_en": "英文描述",
        "record.rights": "版权",
        "record.keywords": "关键词",
        "record.media": "图像",
        "record.no_media": "暂无图像",
    },
}


def choose_language(env_value: str | None, locale_name: str) -> str:
    """``zh`` or ``en``: the override if valid, else from a locale name like ``zh_CN``."""
    if env_value and env_value.strip().lower() in LANGUAGES:
        return env_value.strip().lower()
    return "zh" if locale_name.lower().startswith("zh") else "en"


def system_language() -> str:
    """The language of the user interface: ``$YUNZHAN_LANG``, else the system locale."""
    from PySide6.QtCore import QLocale  # lazily: this module is importable without a display

    return choose_language(os.environ.get("YUNZHAN_LANG"), QLocale.system().name())


class Translator:
    """Looks up the words of one language: ``tr("status.hits", count=3)``."""

    def __init__(self, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
        self.language = language
        self._strings = STRINGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self._strings[key]
        return text.format(**values) if values else text
