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


def test_every_operation_documents_its_error_answers(db: None) -> None:
    """Found by schemathesis: 4xx answers were undocumented, so a client could not know them."""
    schema = Client().get("/api/v1/openapi.json").json()
    assert set(schema["components"]["schemas"]["ValidationError"]["required"]) == {
        "detail",
        "errors",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "422"} <= set(responses), (method, path)
            assert responses["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ValidationError"
            }
            if "{" in path:
                assert "404" in responses, (method, path)
            if "requestBody" in operation:
                assert "400" in responses, (method, path)
            if method != "get":
                assert {"403", "409"} <= set(responses), (method, path)
    for path in ("/api/v1/needs/priorities", "/api/v1/needs/factors"):
        assert {"403", "404"} <= set(schema["paths"][path]["get"]["responses"]), path


def test_partial_updates_document_null_only_where_it_clears(db: None) -> None:
    """Found by schemathesis: the schema allowed ``"jenis": null`` and the API refused it."""
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]

    def accepts_null(field: dict[str, object]) -> bool:
        return {"type": "null"} in field.get("anyOf", [])  # type: ignore[operator]

    for name in ("UnitUpdateIn", "PositionUpdateIn", "EmployeeUpdateIn", "CompetencyUpdateIn"):
        properties = schemas[name]["properties"]
        nullable = {field for field, spec in properties.items() if accepts_null(spec)}
        assert (
            nullable
            == {
                "UnitUpdateIn": {"parent", "wilayah"},
                "PositionUpdateIn": set(),
                "EmployeeUpdateIn": {
                    "unit",
                    "position",
                    "supervisor",
                    "tanggal_lahir",
                    "jenis_kelamin",
                },
                "CompetencyUpdateIn": set(),
            }[name]
        ), name


def test_ids_and_offsets_stay_within_the_database_integer(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/employees"]["get"]["parameters"]
    }
    for name in ("instansi", "unit", "position"):
        assert parameters[name]["anyOf"][0]["minimum"] == 1, name
        assert parameters[name]["anyOf"][0]["maximum"] == 2**63 - 1, name
    assert parameters["offset"]["maximum"] == 2**63 - 1
