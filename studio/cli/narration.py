"""Narration commands: ``yunzhan narrate`` (spoken guides with captions), ``yunzhan voice
import|list`` (Piper voices), ``yunzhan narration text|list|record|srt`` and
``yunzhan render-tour`` (a tour as a video for platforms)."""

from __future__ import annotations

from pathlib import Path

import click

from studio.cli.support import opened, progress_bar

PROJECT = click.argument("project", type=click.Path(path_type=Path))
LANG = click.Choice(["zh", "en"])


@click.command()
@PROJECT
@click.argument("objects", nargs=-1)
@click.option("--lang", type=LANG, help="Only this language (default: zh and en).")
@click.option("--engine", type=click.Choice(["espeak", "piper", "system"]),
              help="Speech engine for this run (and from now on).")
@click.option("--voice", metavar="NAME", help="Voice: eSpeak name (cmn, en-us) or an imported Piper voice.")
@click.option("--force", is_flag=True, help="Speak again even narrations that are up to date.")
def narrate(project: Path, objects: tuple[str, ...], lang: str | None, engine: str | None, voice: str | None,
            force: bool) -> None:
    """Speak the narration of every object, hall and tour stop (or only OBJECTS) with captions.

    \b
    yunzhan narrate museum.yunzhan
    yunzhan narrate museum.yunzhan --lang en --engine piper --voice en_US-joe-medium 1977.12
    """
    from scenes.narration.engines import set_engine_choice
    from scenes.narration.narrate import narrate as run

    langs = (lang,) if lang else ("zh", "en")
    with opened(project) as p:
        if engine or voice:
            chosen = lang
            if chosen is None and (engine or "espeak") == "piper" and voice:
                from assets.audio.voices import get_voice

                chosen = get_voice(p, voice).lang  # a Piper voice speaks one language
                langs = (chosen,)
            if chosen is None:
                raise click.UsageError("say which language the engine or voice is for: --lang zh or --lang en")
            set_engine_choice(p, chosen, engine=engine or "espeak", voice=voice)
        with progress_bar() as progress:
            report = run(p, langs=langs, objects=list(objects) or None, force=force, progress=progress)
    for line in report.lines():
        click.echo(line)
    if report.failed:
        raise report.failed[0]


@click.group()
def voice() -> None:
    """Piper voices stored in the project (imported once, used offline)."""


@voice.command(name="import")
@PROJECT
@click.argument("model", type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path), help="The voice's .onnx.json (default: MODEL.json).")
def voice_import(project: Path, model: Path, config: Path | None) -> None:
    """Check and store a Piper voice (MODEL.onnx and its .onnx.json)."""
    from assets.audio.voices import import_voice

    with opened(project) as p:
        v = import_voice(p, model, config)
    click.echo(f"voice {v.name} ({v.lang}, {v.sample_rate} Hz, Piper {v.piper_version}) stored as {v.sha256[:12]}")


@voice.command(name="list")
@PROJECT
def voice_list(project: Path) -> None:
    """List the imported voices and the engine chosen per language."""
    from assets.audio.voices import list_voices
    from scenes.narration.engines import engine_choice

    with opened(project) as p:
        for lang in ("zh", "en"):
            c = engine_choice(p, lang)
            click.echo(f"{lang}: {c.engine} {c.voice}")
        for v in list_voices(p):
            click.echo(f"{v.sha256[:12]}  {v.name}  {v.lang}  {v.sample_rate} Hz  Piper {v.piper_version}")


@click.group()
def narration() -> None:
    """Narration texts, recordings and captions of objects (ACCESSION), halls (hall:SLUG)
    and tour stops (TOUR:N)."""


@narration.command(name="list")
@PROJECT
def narration_list(project: Path) -> None:
    """Every narration: state, length and the start of its text."""
    from scenes.narration.store import list_narrations

    with opened(project) as p:
        for n in list_narrations(p):
            state = "none" if n.source is None else ("stale" if n.stale else n.source)
            length = f"{n.duration_s:6.1f} s" if n.duration_s else "      -"
            click.echo(f"{n.name:40} {state:9} {length}  {n.text[:40]}")


@narration.command(name="text")
@PROJECT
@click.argument("subject")
@click.option("--lang", type=LANG, required=True)
@click.option("--text", "text", help="The narration text.")
@click.option("--default", "use_default", is_flag=True, help="Back to the script composed from the catalog.")
def narration_text(project: Path, subject: str, lang: str, text: str | None, use_default: bool) -> None:
    """Write a narration's text (its clip becomes stale until spoken again)."""
    from scenes.narration.store import set_text

    if (text is None) == (not use_default):
        raise click.UsageError("give --text or --default")
    with opened(project) as p:
        n = set_text(p, subject, lang, None if use_default else text)
    click.echo(f"{n.name}: {'stale' if n.stale else 'set'}")


@narration.command(name="record")
@PROJECT
@click.argument("subject")
@click.argument("recording", type=click.Path(path_type=Path))
@click.option("--lang", type=LANG, default="zh", show_default=True)
@click.option("--captions", type=click.Path(path_type=Path), help="A WebVTT or SRT file for the recording.")
def narration_record(project: Path, subject: str, recording: Path, lang: str, captions: Path | None) -> None:
    """Use a recording as a narration (silence trimmed, loudness normalised, original kept)."""
    from scenes.narration.recordings import import_recording

    with opened(project) as p, progress_bar() as progress:
        n = import_recording(p, subject, lang, recording, captions=captions, progress=progress)
    click.echo(f"{n.name}: recording, {n.duration_s:.1f} s")


@narration.command(name="srt")
@PROJECT
@click.argument("subject")
@click.option("--lang", type=LANG, default="zh", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True)
def narration_srt(project: Path, subject: str, lang: str, out: Path) -> None:
    """Write a narration's captions as SRT (for video platforms)."""
    from assets.audio.captions import parse_webvtt_text, to_srt
    from scenes.narration.store import NarrationError, narration as get
    from scenes.narration.subjects import find_subject

    with opened(project) as p:
        n = get(p, find_subject(p, subject), lang)
    if not n.vtt:
        raise NarrationError(f"{n.name}: no narration yet", hint="run 'yunzhan narrate' first")
    out.write_text(to_srt(parse_webvtt_text(n.vtt)), encoding="utf-8")
    click.echo(f"wrote {out}")


@click.command(name="render-tour")
@PROJECT
@click.argument("tour")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="The MP4 file to write.")
@click.option("--aspect", type=click.Choice(["16:9", "9:16"]), default="16:9", show_default=True,
              help="16:9 for Bilibili; 9:16 for Douyin, Kuaishou and WeChat Channels (reframed, no letterbox).")
@click.option("--size", metavar="WxH", help="Frame size (default 1280x720, or 720x1280 for 9:16).")
@click.option("--lang", type=LANG, default="zh", show_default=True, help="Narration and caption language.")
@click.option("--burn-captions", is_flag=True, help="Also draw the captions into the picture.")
def render_tour(project: Path, tour: str, out: Path, aspect: str, size: str | None, lang: str,
                burn_captions: bool) -> None:
    """Render a tour as an H.264/AAC video: the camera turns through each stop, with narration
    at -14 LUFS and captions as a soft track."""
    from streaming.tour_video import render_tour as render

    with opened(project) as p, progress_bar() as progress:
        video = render(p, tour, out, aspect=aspect, size=size, lang=lang, burn_captions=burn_captions,
                       progress=progress)
    click.echo(f"wrote {video.path}: {video.width}x{video.height}, {video.seconds:.1f} s, {video.shots} stops")


def register(cli: click.Group) -> None:
    for command in (narrate, voice, narration, render_tour):
        cli.add_command(command)
