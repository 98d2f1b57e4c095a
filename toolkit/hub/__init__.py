"""The workshop on JupyterHub: every teacher on their own account and server.

``workshop hub COURSE_DIR`` runs one course's hub on this machine: roster IDs log in
(``auth``), each person's server runs as their own system user in a private home
(``spawner``, ``homes``, ``limits``), graders reach the formgrader, rubric desk and
dashboards as a hub service, and every teacher their own portrait (``portrait``).
"""

from toolkit.hub.run import prepare_hub, run_hub, start_hub, stop_hub

__all__ = ["prepare_hub", "run_hub", "start_hub", "stop_hub"]
