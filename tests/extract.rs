//! What the source side extracts, one realistic snippet per call style.
//!
//! Each case is `(snippet, expected)`, where expected lists every call found as
//! `METHOD path [base] ?query body` in source order; an empty list means "no HTTP call here".

use routelint::source::{CallUrl, extract_from_str};

fn describe(src: &str) -> Vec<String> {
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    calls
        .iter()
        .map(|call| {
            let mut text = match CallUrl::split(&call.url) {
                Ok(url) => {
                    let mut query = url.query.clone();
                    query.extend(call.query.iter().cloned());
                    let mut t = format!("{} {}", call.method, url.path());
                    if let Some(base) = &url.base {
                        t.push_str(&format!(" [{base}]"));
                    }
                    if !query.is_empty() {
                        t.push_str(&format!(" ?{}", query.join(",")));
                    }
                    t
                }
                Err(_) => format!("{} unresolved", call.method),
            };
            if let Some(body) = &call.body {
                text.push_str(&format!(" body={:?}", body.kind).to_lowercase());
                if let Some(keys) = &body.keys {
                    text.push_str(&format!("{{{}}}", keys.join(",")));
                }
            }
            text.push_str(&format!(" in {}", call.function));
            text
        })
        .collect()
}

#[test]
fn call_styles() {
    let cases: &[(&str, &[&str])] = &[
        // positional format! in a let, the seed's style
        (
            r#"impl C { async fn get_sandbox(&self, name: &str) { let url = format!("{}/sandboxes/{}", self.base_url, name); self.http.get(&url).send().await; } }"#,
            &["GET /sandboxes/{name} [self.base_url] in get_sandbox"],
        ),
        // inline captured and named arguments, directly in the call
        (
            r#"fn stop(c: &C, name: &str) { let base = c.base(); c.client.post(format!("{base}/sandboxes/{name}/stop")).send(); }"#,
            &["POST /sandboxes/{name}/stop [base] in stop"],
        ),
        (
            r#"fn dl(c: &C, name: &str, p: &str) { c.http.get(format!("{b}/files/{n}/{p}", b = c.base_url, n = name)).send(); }"#,
            &["GET /files/{name}/{p} [c.base_url] in dl"],
        ),
        // indexed arguments, reused
        (
            r#"fn f(c: &C, id: u32) { c.http.delete(format!("{0}/items/{1}/copies/{1}", c.base, id)).send(); }"#,
            &["DELETE /items/{id}/copies/{id_2} [c.base] in f"],
        ),
        // file-level consts, concat!, absolute URLs, query in the template
        (
            r#"const API: &str = "https://api.example.com/v1"; fn f(c: &C, q: &str) { c.http.get(format!("{API}/search?q={q}&limit=10")).send(); }"#,
            &["GET /v1/search [https://api.example.com] ?q,limit in f"],
        ),
        (
            r#"fn f(c: &C) { c.http.get(concat!("/api", "/status")).send(); }"#,
            &["GET /api/status in f"],
        ),
        // `+` and conversions
        (
            r#"fn f(c: &C, id: &str) { let url = c.base.clone() + "/users/" + id; c.http.get(url.as_str()).send(); }"#,
            &["GET /users/{id} [c.base] in f"],
        ),
        // reassignment replaces the binding
        (
            r#"fn f(c: &C, id: &str) { let mut url = format!("{}/a", c.base); url = format!("{}/b/{}", c.base, id); c.http.get(&url).send(); }"#,
            &["GET /b/{id} [c.base] in f"],
        ),
        // request(Method::X, url), free functions of HTTP crates
        (
            r#"fn f(c: &C) { c.client.request(reqwest::Method::PATCH, format!("{}/x", c.base)).send(); }"#,
            &["PATCH /x [c.base] in f"],
        ),
        (
            r#"async fn f() { reqwest::get("https://example.com/health").await; }"#,
            &["GET /health [https://example.com] in f"],
        ),
        // query pairs and bodies
        (
            r#"fn f(c: &C, p: &str) { c.http.get(format!("{}/files", c.base)).query(&[("path", p), ("recursive", "true")]).send(); }"#,
            &["GET /files [c.base] ?path,recursive in f"],
        ),
        (
            r#"fn exec(c: &C, cmd: &str) { c.http.post(format!("{}/exec", c.base)).json(&serde_json::json!({ "command": cmd, "env": { "A": "1" } })).send(); }"#,
            &["POST /exec [c.base] body=json{command,env} in exec"],
        ),
        (
            r#"fn f(c: &C, form: Form) { c.http.post(format!("{}/upload", c.base)).multipart(form).send(); }"#,
            &["POST /upload [c.base] body=multipart in f"],
        ),
        // `.json()` after `.send()` reads the response, it is not a body
        (
            r#"async fn f(c: &C) { c.http.get(format!("{}/me", c.base)).send().await?.json().await }"#,
            &["GET /me [c.base] in f"],
        ),
        // a URL known only at run time is still a call, unresolved
        (
            r#"fn f(c: &C, url: &str) { c.http.get(url).send(); }"#,
            &["GET unresolved in f"],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

#[test]
fn not_http_calls() {
    let cases = [
        // map lookups and other `.get` methods
        r#"fn f(m: &HashMap<String, u32>, k: &str) -> Option<&u32> { m.get(k) }"#,
        r#"fn f(v: &[u8]) { let x = v.get(3); let y = std::env::var("HOME"); }"#,
        // a path-like string that is never sent
        r#"fn f() -> String { format!("/sandboxes/{}", 1) }"#,
        // test code is not the client
        r#"#[cfg(test)] mod tests { fn f(c: &C) { c.http.get(format!("{}/x", c.base)).send(); } }"#,
        r#"#[test] fn f() { let c = C::new(); c.http.get(format!("{}/x", c.base)).send(); }"#,
    ];
    for src in cases {
        assert_eq!(describe(src), Vec::<String>::new(), "{src}");
    }
}
