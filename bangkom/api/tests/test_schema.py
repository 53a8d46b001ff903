"""The OpenAPI schema and the browsable docs."""

from __future__ import annotations

from django.test import Client

PATHS = {
    "/api/v1/instansi": {"get"},
    "/api/v1/instansi/{instansi_id}": {"get"},
    "/api/v1/units": {"get", "post"},
    "/api/v1/units/{unit_id}": {"get", "patch"},
    "/api/v1/positions": {"get", "post"},
    "/api/v1/positions/{position_id}": {"get", "patch"},
    "/api/v1/positions/{position_id}/standards/{competency_id}": {"put"},
    "/api/v1/positions/{position_id}/duties": {"post"},
    "/api/v1/positions/{position_id}/duties/{duty_id}": {"put", "delete"},
    "/api/v1/employees": {"get", "post"},
    "/api/v1/employees/{employee_id}": {"get", "patch"},
    "/api/v1/competencies": {"get", "post"},
    "/api/v1/competencies/{competency_id}": {"get", "patch"},
    "/api/v1/needs/priorities": {"get"},
    "/api/v1/needs/factors": {"get"},
    "/api/v1/needs/employees/{employee_id}": {"get"},
}


def test_openapi_schema_lists_every_path(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Bangkom API"
    assert schema["info"]["version"] == "1"
    assert "Autentikasi" in schema["info"]["description"]
    assert {path: set(operations) for path, operations in schema["paths"].items()} == PATHS


def test_every_operation_accepts_token_or_session(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {name for entry in operation["security"] for name in entry} == set(schemes), (
                method,
                path,
            )


def test_list_operations_document_paging_and_filters(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    parameters = {
        parameter["name"] for parameter in schema["paths"]["/api/v1/employees"]["get"]["parameters"]
    }
    assert parameters == {"limit", "offset", "instansi", "unit", "position", "q", "jenis", "active"}
    page = schema["components"]["schemas"]["PagedEmployeeOut"]
    assert set(page["properties"]) == {"items", "count"}


def test_docs_page_renders(db: None) -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"Bangkom API" in response.content
    assert b"/api/v1/openapi.json" in response.content
    # writes from the docs pass the CSRF check: ninja's init script sends this token
    assert b'data-api-csrf="true"' in response.content and b"data-csrf-token=" in response.content
    # government networks are often closed: the docs load their assets locally, not from a CDN
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn" not in response.content.lower()
