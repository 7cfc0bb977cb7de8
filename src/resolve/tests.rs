use super::*;
use crate::source::url::{Hole, Piece, UrlValue};
use crate::spec::Spec;

const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
servers: [{ url: "https://api.example.com/v1" }]
paths:
  /sandbox:
    get: { operationId: listSandboxes, responses: { "200": { description: ok } } }
    post: { operationId: createSandbox, responses: { "200": { description: ok } } }
  /sandbox/{sandboxIdOrName}:
    parameters: [{ name: sandboxIdOrName, in: path, required: true, schema: { type: string } }]
    get: { operationId: getSandbox, responses: { "200": { description: ok } } }
    delete: { operationId: deleteSandbox, responses: { "200": { description: ok } } }
  /sandbox/{sandboxIdOrName}/build-logs:
    parameters: [{ name: sandboxIdOrName, in: path, required: true, schema: { type: string } }]
    get: { operationId: getBuildLogs, responses: { "200": { description: ok } } }
  /users/me:
    get: { operationId: getCurrentUser, responses: { "200": { description: ok } } }
  /users/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get: { operationId: getUser, responses: { "200": { description: ok } } }
  /a/{x}/c:
    parameters: [{ name: x, in: path, required: true, schema: { type: string } }]
    get: { responses: { "200": { description: ok } } }
  /a/b/{y}:
    parameters: [{ name: y, in: path, required: true, schema: { type: string } }]
    get: { responses: { "200": { description: ok } } }
  /toolbox/{sandboxId}/toolbox/files/download:
    get:
      operationId: downloadFile_deprecated
      deprecated: true
      parameters:
        - { name: sandboxId, in: path, required: true, schema: { type: string } }
        - { name: path, in: query, required: true, schema: { type: string } }
      responses: { "200": { description: ok } }
  /toolbox/{sandboxId}/toolbox/files:
    get:
      operationId: listFiles_deprecated
      parameters:
        - { name: sandboxId, in: path, required: true, schema: { type: string } }
        - { name: path, in: query, schema: { type: string } }
      responses: { "200": { description: ok } }
  /api/status:
    get: { operationId: getStatus, responses: { "200": { description: ok } } }
"#;

fn spec() -> Spec {
    crate::spec::load::from_bytes(SPEC.as_bytes(), "t.yaml", "t".into()).expect("spec loads")
}

/// `/sandboxes/{name}` → a CallUrl with a base hole.
fn url(path: &str) -> CallUrl {
    let mut pieces = vec![Piece::Hole(Hole::runtime("base_url", "self.base_url"))];
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest.find('}').expect("balanced");
        pieces.push(Piece::Text {
            text: rest[..open].into(),
            direct: true,
        });
        pieces.push(Piece::Hole(Hole::runtime(
            &rest[open + 1..close],
            &rest[open + 1..close],
        )));
        rest = &rest[close + 1..];
    }
    pieces.push(Piece::Text {
        text: rest.into(),
        direct: true,
    });
    CallUrl::split(&UrlValue {
        pieces,
        literal: None,
    })
    .expect("splits")
}

fn resolve(spec: &Spec, method: Method, path: &str, function: &str) -> Outcome {
    let url = url(path);
    Matcher::new(spec).resolve(&CallShape {
        method,
        url: &url,
        function,
    })
}

fn sig(spec: &Spec, route: Option<usize>) -> String {
    route.map_or("none".into(), |r| spec.routes[r].signature())
}

#[test]
fn exact_matches_prefer_concrete_segments() {
    let spec = spec();
    let me = resolve(&spec, Method::Get, "/users/me", "");
    assert!(matches!(me, Outcome::Matched { .. }));
    assert_eq!(sig(&spec, me.route()), "GET /users/me");
    let id = resolve(&spec, Method::Get, "/users/{uid}", "");
    assert_eq!(sig(&spec, id.route()), "GET /users/{id}");
    let value = resolve(&spec, Method::Get, "/users/42", "");
    assert_eq!(sig(&spec, value.route()), "GET /users/{id}");
}

#[test]
fn server_base_path_is_optional() {
    let spec = spec();
    let with = resolve(&spec, Method::Get, "/v1/sandbox", "");
    let without = resolve(&spec, Method::Get, "/sandbox", "");
    assert!(matches!(with, Outcome::Matched { ref target, .. } if target.keep_prefix == 1));
    assert!(matches!(without, Outcome::Matched { ref target, .. } if target.keep_prefix == 0));
}

#[test]
fn equal_templates_are_ambiguous() {
    let spec = spec();
    let outcome = resolve(&spec, Method::Get, "/a/b/c", "");
    assert!(matches!(outcome, Outcome::Ambiguous { ref routes } if routes.len() == 2));
}

#[test]
fn wrong_method_lists_allowed() {
    let spec = spec();
    let outcome = resolve(&spec, Method::Put, "/sandbox/{name}", "");
    match outcome {
        Outcome::MethodNotAllowed { allowed, route, .. } => {
            let mut methods: Vec<_> = allowed.iter().map(|&r| spec.routes[r].method).collect();
            methods.sort();
            assert_eq!(methods, vec![Method::Get, Method::Delete]);
            assert_eq!(route, None, "two allowed methods: no single suggestion");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn near_misses_name_their_kind() {
    let spec = spec();
    // (method, client path, expected operation, expected kinds)
    let cases = [
        (
            Method::Get,
            "/sandboxes/{name}",
            "GET /sandbox/{sandboxIdOrName}",
            vec!["plural-singular"],
        ),
        (
            Method::Post,
            "/sandboxes",
            "POST /sandbox",
            vec!["plural-singular"],
        ),
        (Method::Get, "/Sandbox", "GET /sandbox", vec!["case"]),
        (
            Method::Get,
            "/sandbox/{id}/build_logs",
            "GET /sandbox/{sandboxIdOrName}/build-logs",
            vec!["separator"],
        ),
        (
            Method::Get,
            "/sandbox/{id}/bulid-logs",
            "GET /sandbox/{sandboxIdOrName}/build-logs",
            vec!["typo"],
        ),
        (
            Method::Get,
            "/sandbox/",
            "GET /sandbox",
            vec!["trailing-slash"],
        ),
        (
            Method::Get,
            "/status",
            "GET /api/status",
            vec!["missing-prefix"],
        ),
        (
            Method::Get,
            "/api/v2/sandbox",
            "GET /sandbox",
            vec!["extra-prefix"],
        ),
        (Method::Get, "/users/{id}/x", "none", vec![]),
    ];
    for (method, path, expected, kinds) in cases {
        let outcome = resolve(&spec, method, path, "");
        match &outcome {
            Outcome::NearMiss {
                route,
                diffs,
                unique,
                ..
            } => {
                assert_eq!(sig(&spec, Some(*route)), expected, "{path}");
                let got: Vec<_> = diffs.iter().map(PathDiff::kind).collect();
                assert_eq!(got, kinds, "{path}");
                assert!(unique, "{path}");
            }
            other => assert_eq!(expected, "none", "{path}: {other:?}"),
        }
    }
}

#[test]
fn a_value_where_the_spec_has_a_word_is_a_param_mismatch() {
    let spec = spec();
    let outcome = resolve(&spec, Method::Get, "/sandbox/{id}/{what}", "");
    match outcome {
        Outcome::NearMiss { route, diffs, .. } => {
            assert_eq!(
                sig(&spec, Some(route)),
                "GET /sandbox/{sandboxIdOrName}/build-logs"
            );
            assert_eq!(diffs[0].kind(), "value-for-literal");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ranking_uses_the_function_name_and_moves_values_to_the_query() {
    let spec = spec();
    let outcome = resolve(
        &spec,
        Method::Get,
        "/sandboxes/{name}/files/{path}",
        "download_file",
    );
    match &outcome {
        Outcome::Unknown {
            suggested: Some((route, target)),
            nearest,
        } => {
            assert_eq!(
                sig(&spec, Some(*route)),
                "GET /toolbox/{sandboxId}/toolbox/files/download"
            );
            assert_eq!(nearest[0], *route);
            assert_eq!(target.to_query, vec![(3, "path".to_string())]);
            assert!(target.holes_in_order);
        }
        other => panic!("{other:?}"),
    }
    // Without a telling name the path words decide: `files` is nearer to the listing, but
    // one shared word is too little to suggest it.
    let listing = resolve(&spec, Method::Get, "/sandboxes/{name}/files/{path}", "");
    match listing {
        Outcome::Unknown { nearest, suggested } => {
            assert_eq!(
                sig(&spec, Some(nearest[0])),
                "GET /toolbox/{sandboxId}/toolbox/files"
            );
            assert!(suggested.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nothing_convincing_is_not_suggested() {
    let spec = spec();
    let outcome = resolve(&spec, Method::Patch, "/zzz/{q}/yyy", "frobnicate");
    assert!(
        matches!(outcome, Outcome::Unknown { suggested: None, ref nearest } if nearest.len() == 3)
    );
}

const EDGE_SPEC: &str = r#"
openapi: 3.0.3
info: { title: E, version: "1" }
paths:
  /:
    get: { operationId: root, responses: { "200": { description: ok } } }
  /users:
    get: { operationId: listUsers, responses: { "200": { description: ok } } }
  /users/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get: { operationId: getUser, responses: { "200": { description: ok } } }
  /files/{uid}.json:
    parameters: [{ name: uid, in: path, required: true, schema: { type: string } }]
    get: { operationId: getFile, responses: { "200": { description: ok } } }
  /teams/{teamId}:
    parameters: [{ name: teamId, in: path, required: true, schema: { type: string } }]
    get: { operationId: getTeam, responses: { "200": { description: ok } } }
  /teams/{team_id}:
    parameters: [{ name: team_id, in: path, required: true, schema: { type: string } }]
    delete: { operationId: deleteTeam, responses: { "200": { description: ok } } }
  /a/{x}/c:
    parameters: [{ name: x, in: path, required: true, schema: { type: string } }]
    get: { responses: { "200": { description: ok } } }
  /a/b/{y}:
    parameters: [{ name: y, in: path, required: true, schema: { type: string } }]
    post: { responses: { "200": { description: ok } } }
"#;

fn edge_spec() -> Spec {
    crate::spec::load::from_bytes(EDGE_SPEC.as_bytes(), "e.yaml", "e".into()).expect("spec loads")
}

#[test]
fn the_root_path_matches_only_the_root() {
    let spec = edge_spec();
    let root = resolve(&spec, Method::Get, "/", "");
    assert!(matches!(root, Outcome::Matched { .. }), "{root:?}");
    assert_eq!(sig(&spec, root.route()), "GET /");
    // An unknown one-word path is not "the root with an extra prefix".
    let health = resolve(&spec, Method::Get, "/health", "");
    assert!(matches!(health, Outcome::Unknown { .. }), "{health:?}");
    // A prefix before a real path is: and the nearer path wins over the root.
    let v2 = resolve(&spec, Method::Get, "/v2/users", "");
    assert_eq!(sig(&spec, v2.route()), "GET /users");
}

#[test]
fn segments_mixing_text_and_parameters_compare_by_shape() {
    let spec = edge_spec();
    let outcome = resolve(&spec, Method::Get, "/files/{id}.json", "");
    assert!(matches!(outcome, Outcome::Matched { .. }), "{outcome:?}");
    let other = resolve(&spec, Method::Get, "/files/{id}.xml", "");
    assert!(
        !matches!(other, Outcome::Matched { .. } | Outcome::NearMiss { .. }),
        "{other:?}"
    );
}

/// `/users/{id}` written in a plain string is sent with the braces.
#[test]
fn literal_braces_are_not_a_parameter() {
    let spec = edge_spec();
    let mut url = url("/users/");
    url.segments.push(PathSeg::Literal("{id}".into()));
    let outcome = Matcher::new(&spec).resolve(&CallShape {
        method: Method::Get,
        url: &url,
        function: "",
    });
    match outcome {
        Outcome::NearMiss { diffs, target, .. } => {
            assert_eq!(diffs[0].kind(), "literal-placeholder");
            assert!(!target.holes_in_order, "no fix can supply the value");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn templates_differing_in_parameter_names_are_one_path() {
    let spec = edge_spec();
    let get = resolve(&spec, Method::Get, "/teams/{id}", "");
    assert_eq!(sig(&spec, get.route()), "GET /teams/{teamId}");
    let delete = resolve(&spec, Method::Delete, "/teams/{id}", "");
    assert_eq!(sig(&spec, delete.route()), "DELETE /teams/{team_id}");
}

#[test]
fn equally_specific_paths_are_told_apart_by_method_or_reported() {
    let spec = edge_spec();
    // Only `/a/b/{y}` has POST.
    let post = resolve(&spec, Method::Post, "/a/b/c", "");
    assert_eq!(sig(&spec, post.route()), "POST /a/b/{y}");
    // Neither has PUT: which path the server picks cannot be known.
    let put = resolve(&spec, Method::Put, "/a/b/c", "");
    assert!(matches!(put, Outcome::Ambiguous { .. }), "{put:?}");
}

#[test]
fn operations_with_their_own_servers_have_their_own_base_path() {
    let text = r#"
openapi: 3.0.3
info: { title: S, version: "1" }
servers: [{ url: "https://api.example.com/v1" }]
paths:
  /users:
    get: { operationId: listUsers, responses: { "200": { description: ok } } }
  /upload:
    servers: [{ url: "https://files.example.com/v2" }]
    post: { operationId: upload, responses: { "200": { description: ok } } }
"#;
    let spec = crate::spec::load::from_bytes(text.as_bytes(), "s.yaml", "s".into()).expect("loads");
    assert_eq!(spec.routes[1].base_paths, Some(vec!["/v2".to_string()]));
    let upload = resolve(&spec, Method::Post, "/v2/upload", "");
    assert!(matches!(upload, Outcome::Matched { .. }), "{upload:?}");
    let users = resolve(&spec, Method::Get, "/v1/users", "");
    assert!(matches!(users, Outcome::Matched { .. }), "{users:?}");
    // `/v1` is not where the upload operation is served.
    let wrong = resolve(&spec, Method::Post, "/v1/upload", "");
    assert!(!matches!(wrong, Outcome::Matched { .. }), "{wrong:?}");
}

#[test]
fn own_servers_without_a_path_drop_the_document_base_path() {
    // 3.0 goes through the typed loader, 3.1 through the tree builder: both must agree.
    for version in ["3.0.3", "3.1.0"] {
        let text = r#"
openapi: VERSION
info: { title: S, version: "1" }
servers: [{ url: "https://api.example.com/v1" }]
paths:
  /users:
    get: { operationId: listUsers, responses: { "200": { description: ok } } }
  /health:
    get:
      operationId: health
      servers: [{ url: "https://status.example.com" }]
      responses: { "200": { description: ok } }
"#
        .replace("VERSION", version);
        let spec =
            crate::spec::load::from_bytes(text.as_bytes(), "s.yaml", "s".into()).expect("loads");
        assert_eq!(spec.routes[0].base_paths, None);
        assert_eq!(spec.routes[1].base_paths, Some(Vec::new()));
        let health = resolve(&spec, Method::Get, "/health", "");
        assert!(matches!(health, Outcome::Matched { .. }), "{health:?}");
        // The health check is not served under `/v1`.
        let prefixed = resolve(&spec, Method::Get, "/v1/health", "");
        assert!(!matches!(prefixed, Outcome::Matched { .. }), "{prefixed:?}");
    }
}

#[test]
fn shapes_compare_as_their_erased_names_do() {
    let texts = [
        "{id}.json",
        "{name}.json",
        "{}.json",
        "v{version}",
        "{a{b}c}",
        "{}{}c",
        "x}y",
        "xy",
        "{unclosed",
        "{",
        "",
        "plain",
    ];
    for a in texts {
        for b in texts {
            assert_eq!(
                same_shape(a, b),
                erase_names(a) == erase_names(b),
                "{a:?} vs {b:?}"
            );
        }
    }
}
