from slt.celery import app
from slt.core.tasks import ping


def test_ping_answers_with_its_token():
    assert ping("abc") == "pong:abc"


def test_the_task_is_registered_with_the_app():
    assert "slt.core.tasks.ping" in app.tasks


def test_without_redis_the_broker_is_the_embedded_filesystem_transport(settings):
    if settings.REDIS_URL:
        assert app.conf.broker_url == settings.REDIS_URL
    else:
        assert app.conf.broker_url == "filesystem://"
        assert app.conf.broker_transport_options["data_folder_in"].endswith("var/celery/queue")
