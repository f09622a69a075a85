"""Twenty clients signing in and logging contacts at once against a file-backed SQLite database.

Run by `test_sqlite_contention.py` in a fresh process (the database must be a real file, not
the test suite's in-memory one): `DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m
putright.complaints.tests.sqlite_contention CLIENTS EACH`. Prints one JSON line: requests,
errors (5xx or an unexpected status) and the cases stored.
"""

import datetime as dt
import json
import multiprocessing
import os
import sys
import threading


def main(clients: int, each: int, processes: int = 1) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, in-memory email
    from django.core.management import call_command
    from django.db import connection

    from putright.accounts.models import User
    from putright.accounts.tests.factories import UserFactory
    from putright.complaints.models import Case
    from putright.complaints.tests.factories import procedure
    from putright.organisation.models import Council
    from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

    call_command("migrate", verbosity=0)
    Council.objects.create()
    directorate = DirectorateFactory(name="Housing")
    team = TeamFactory(directorate=directorate, name="Repairs")
    for number in range(clients):
        UserFactory(username=f"officer{number}", role=User.Role.COMPLAINTS_TEAM)
    form = {
        "kind": "complaint",
        "procedure": procedure("lgsco_code").pk,
        "channel": "letter",
        "received": dt.date.today().isoformat(),
        "directorate": directorate.pk,
        "team": team.pk,
        "summary": "The repair was not done.",
        "contact_name": "Sam Resident",
    }
    connection.close()
    # Like gunicorn: several processes (each with its own connections), threads in each.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    per_process = [
        clients // processes + (n < clients % processes) for n in range(processes)
    ]
    first = [sum(per_process[:n]) for n in range(processes)]
    workers = [
        context.Process(target=_run, args=(queue, first[n], per_process[n], each, form))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    tally = {"requests": 0, "errors": 0}
    statuses: dict[str, int] = {}
    for _ in workers:
        part = queue.get()
        tally["requests"] += part["requests"]
        tally["errors"] += part["errors"]
        for key, count in part["statuses"].items():
            statuses[key] = statuses.get(key, 0) + count
    for worker in workers:
        worker.join()
    return {**tally, "statuses": statuses, "cases": Case.objects.count()}


def _run(queue, first: int, clients: int, each: int, form: dict) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    barrier = threading.Barrier(clients)
    lock = threading.Lock()
    tally = {"requests": 0, "errors": 0}
    statuses: dict[str, int] = {}

    def record(kind: str, status: int, expected: tuple[int, ...]) -> None:
        with lock:
            tally["requests"] += 1
            if status not in expected:
                tally["errors"] += 1
                key = f"{kind} {status}"
                statuses[key] = statuses.get(key, 0) + 1

    def work(number: int) -> None:
        client = Client(raise_request_exception=False)
        try:
            barrier.wait()
            response = client.post(
                reverse("accounts:login"),
                {
                    "username": f"officer{first + number}",
                    "password": "correct horse battery",
                },
            )
            record("sign-in", response.status_code, (200, 302))
            for _ in range(each):
                response = client.post(reverse("complaints:case_log"), form)
                record("log", response.status_code, (302,))
                response = client.get(reverse("complaints:case_list"))
                record("list", response.status_code, (200,))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put({**tally, "statuses": statuses})


if __name__ == "__main__":
    result = main(*(int(argument) for argument in sys.argv[1:4]))
    sys.stdout.write(json.dumps(result) + "\n")
