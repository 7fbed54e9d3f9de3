"""Run by test_model_pane.py in a subprocess under Xvfb (pyvistaqt needs a real X
display): open the 3D pane on a project, pin a note by a click at the middle of the
view, set the start camera, save a picture of the pane; print what happened as JSON.

    python model_pane_scenario.py PROJECT SCREENSHOT
"""

from __future__ import annotations

import json
import sys

from PySide6.QtWidgets import QApplication


def main() -> None:
    app = QApplication([])
    from assets.project import Project
    from studio.gui.model_pane import ModelPane
    from studio.gui.studio_context import Studio

    project = Project.open(sys.argv[1])
    studio = Studio(project)
    pane = ModelPane(studio)
    pane.resize(1280, 800)
    pane.show()
    for _ in range(5):
        app.processEvents()
    width, height = pane.plotter.window_size
    pane.title_zh.setText("中心")
    pane.title_en.setText("Centre")
    note = pane.place_note_at(width // 2, height // 2)
    missed = pane.place_note_at(2, 2)  # a corner: background, not the model
    pane.plotter.camera.azimuth = 30
    pane.set_start_camera()
    for _ in range(5):
        app.processEvents()
    pane.grab().save(sys.argv[2])
    listed = [pane.notes.item(i).text() for i in range(pane.notes.count())]
    print(json.dumps({"note": note.id, "position": note.position, "normal": note.normal, "missed": missed is None,
                      "listed": listed, "status": pane.status.text()}))
    pane.close()
    project.close()


if __name__ == "__main__":
    main()
