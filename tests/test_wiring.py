"""Who listens to what: receivers are connected in each app's ready()."""

import asyncio
import pickle
import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from summaries import signals
from summaries.models import Takeaway
from summaries.pagecache.pages import on_every_serve
from summaries.search import insights
from summaries.signals import announce, collecting_changes, talk_changed


def receiver_ids(signal):
    """The dispatch_uid of each receiver (Django keys them (uid, sender))."""
    return {lookup_key[0] for lookup_key, *_rest in signal.receivers}


def test_talk_changed_has_the_core_and_each_capability_listening():
    assert {"touch-updated-at", "search-index", "pagecache-content-changed"} <= (
        receiver_ids(talk_changed)
    )


def test_every_part_save_is_turned_into_talk_changed():
    assert "talk-changed-Takeaway" in receiver_ids(post_save)
    assert "talk-changed-Takeaway" in receiver_ids(post_delete)
    assert Takeaway._meta.app_label == "summaries"


def test_collecting_changes_keeps_each_task_to_its_own_writes(monkeypatch):
    """Two requests served by one thread (ASGI): one collecting its changes
    must not swallow the other's."""
    heard = []

    def listener(sender, talk_ids, **kwargs):
        heard.append(set(talk_ids))

    async def collecting(started, done):
        with collecting_changes():
            announce({1})
            started.set()
            await done.wait()

    async def announcing(started, done):
        await started.wait()
        announce({2})  # not inside the other task's block: sent at once
        assert heard == [{2}]
        done.set()

    async def main():
        started, done = asyncio.Event(), asyncio.Event()
        await asyncio.gather(collecting(started, done), announcing(started, done))

    # Only this listener hears the event (the real ones would write rows).
    monkeypatch.setattr(signals, "talk_changed", Signal())
    signals.talk_changed.connect(listener)
    # A thread of its own: an event loop may already run in this one (the
    # browser tests' Playwright), and asyncio.run() refuses to nest.
    worker = threading.Thread(target=asyncio.run, args=(main(),))
    worker.start()
    worker.join()
    assert heard == [{2}, {1}]


def test_work_done_on_every_serve_is_kept_as_the_function_itself():
    class Response:
        pass

    response = Response()
    on_every_serve(response, insights.record_search, "防災", 3, 1, False)
    ((handler, args),) = pickle.loads(pickle.dumps(response._serve_calls))
    assert handler is insights.record_search
    assert args == ("防災", 3, 1, False)
