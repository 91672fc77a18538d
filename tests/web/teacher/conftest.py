from tests.web.teacher.engine import fake_engine  # noqa: F401 - a fixture for these tests
