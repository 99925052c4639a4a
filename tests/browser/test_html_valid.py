"""Every public page type is valid HTML by the Nu HTML Checker."""

import pytest

from . import tools
from .conftest import RESULTS, record_page
from .html_checker import check_files
from .site import PAGE_TYPES, build_site


@pytest.mark.django_db
def test_every_public_page_type_has_no_html_errors(client, tmp_path):
    tools.need_vnu()
    build_site()
    files = {}
    for order, (name, path, status) in enumerate(PAGE_TYPES):
        response = client.get(path)
        assert response.status_code == status, path
        file = tmp_path / f"page-{order}.html"
        file.write_bytes(response.content)
        files[str(file)] = (order, name, path)
    errors = check_files(list(files))
    RESULTS["tools"]["Nu HTML Checker"] = tools.vnu_version()
    for file, (order, name, path) in files.items():
        record_page(name, path, order, html_errors=len(errors[file]))
    found = {files[f][2]: messages for f, messages in errors.items() if messages}
    assert found == {}
