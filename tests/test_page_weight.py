"""Every learner page's first load (HTML and everything it pulls in: CSS, scripts, icons,
images) stays under 150 KB, for a learner on a slow phone connection."""

import re

from elearn.testing import quiz_file
from tests.courses import QUIZ, course_files, finish, post, start

BUDGET = 150 * 1024
LINKED = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/[^"]+)"')


def first_load(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    total = len(response.data)
    for asset in set(LINKED.findall(html)):
        fetched = client.get(asset)
        assert fetched.status_code == 200, asset
        total += len(fetched.data)
        fetched.close()  # static files are streamed from disk
    return total


def test_learner_pages_stay_under_150_kb(client, publish, login_as):
    publish(course_files(extra={"03-kuis.md": quiz_file(QUIZ, "batas_waktu: 30\n")}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    finished = start(client)
    finish(client, finished)
    pages = [
        "/dashboard",
        "/courses",
        "/courses/apbd",
        "/courses/apbd/items/pengantar",  # a lesson with an image
        "/courses/apbd/items/kuis",
        start(client),  # an attempt: with the quiz script and the timer
        finished,  # a result
        "/verify",
    ]
    weights = {url: first_load(client, url) for url in pages}
    assert all(weight < BUDGET for weight in weights.values()), weights
    assert weights[pages[5]] > weights["/verify"]  # the script was counted
