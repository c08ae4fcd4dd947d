"""What gunicorn serves: ``gunicorn wsgi:app``."""

import gc

from elearn import create_app

app = create_app()
# What start-up made (modules, the app, its plugins) lives as long as the process: out
# of the collector's sight, a full collection no longer walks it. One took 80 to 100 ms
# of a worker's CPU and stalled every request queued behind it (bench/README.md).
gc.freeze()
