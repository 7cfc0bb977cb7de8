//! What the source side extracts, one realistic snippet per call style.
//!
//! Each case is `(snippet, expected)`, where expected lists every call found as
//! `METHOD path [base] ?query body` in source order; an empty list means "no HTTP call here".

mod common;

use routelint::source::{CallUrl, extract_from_str};

fn describe(src: &str) -> Vec<String> {
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    calls
        .iter()
        .filter(|call| !call.in_test)
        .map(|call| {
            let split = CallUrl::split(&call.url)
                .ok()
                .filter(|_| call.note.is_none());
            let mut text = match split {
                Some(url) => {
                    let mut query = url.query.clone();
                    query.extend(call.query.iter().cloned());
                    let mut t = format!("{} {}", call.method_text(), url.path());
                    if let Some(base) = &url.base {
                        t.push_str(&format!(" [{base}]"));
                    }
                    if !query.is_empty() {
                        t.push_str(&format!(" ?{}", query.join(",")));
                    }
                    t
                }
                None => format!("{} unresolved", call.method_text()),
            };
            if let Some(body) = &call.body {
                text.push_str(&format!(" body={:?}", body.kind).to_lowercase());
                if let Some(keys) = &body.keys {
                    text.push_str(&format!("{{{}}}", keys.join(",")));
                }
            }
            text.push_str(&format!(" in {}", call.function));
            if !call.via.is_empty() {
                text.push_str(&format!(" via {}", call.via.join(">")));
            }
            text
        })
        .collect()
}

/// A temporary crate of `files` (path, text), scanned and linked as routelint does.
fn scan_sources(files: &[(&str, &str)]) -> routelint::source::Scan {
    let temp = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        common::write_file(temp.path(), path, text);
    }
    scan_crate(temp.path())
}

/// Every file of a temporary crate, scanned and linked as routelint does; none may fail.
fn scan_crate(dir: &std::path::Path) -> routelint::source::Scan {
    let (files, problems) = routelint::source::discover(&[dir.to_path_buf()], dir);
    assert!(problems.is_empty(), "{problems:?}");
    routelint::source::scan(&files, &[])
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
            &["POST /sandboxes/{name}/stop [c.base()] in stop"],
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
        // simple `macro_rules!` URL builders
        (
            r#"const BASE: &str = "https://api.example.com";
            macro_rules! api_url { ($($arg:tt)*) => { format!("{}/api/v1{}", BASE, format!($($arg)*)) }; }
            macro_rules! item_url { ($id:expr) => { format!("{}/items/{}", BASE, $id) }; ($id:expr, $sub:expr) => { format!("{}/items/{}/{}", BASE, $id, $sub) }; }
            fn f(c: &C, id: &str) {
                c.http.get(api_url!("/users/{}", id)).send();
                c.http.delete(item_url!(id)).send();
                c.http.get(item_url!(id, "parts")).send();
            }"#,
            &[
                "GET /api/v1/users/{id} [https://api.example.com] in f",
                "DELETE /items/{id} [https://api.example.com] in f",
                "GET /items/{id}/parts [https://api.example.com] in f",
            ],
        ),
        // a method given as the crate's own const (`POST`), a URL dereferenced (`&*url`) into
        // hyper's request builder
        (
            r#"pub const POST: Method = Method::POST;
            impl Client {
                async fn send_request<T>(&self, method: hyper::Method, endpoint: &str) -> Result<T> {
                    let url = format!("https://api.twilio.com/2010-04-01/Accounts/{}/{}.json", self.account_id, endpoint);
                    let req = hyper::Request::builder().method(method).uri(&*url).body(Body::empty()).unwrap();
                    self.http_client.request(req).await
                }
                pub async fn send_message(&self) -> Result<Message> { self.send_request(POST, "Messages").await }
            }"#,
            &[
                "POST /2010-04-01/Accounts/{account_id}/Messages.json [https://api.twilio.com] in send_message via send_request",
            ],
        ),
        // a library's request function said to be one by its method value
        // (`transport.request_string(Method::GET, ..)`), a path and its optional query kept
        // in a list joined by `?`, `&format!(..)[..]`
        (
            r#"impl Docker {
                pub(crate) async fn get_json<T>(&self, endpoint: &str) -> Result<T> {
                    let raw = self.transport.request_string(Method::GET, self.version.make_endpoint(endpoint), Payload::empty(), Headers::none()).await?;
                    Ok(serde_json::from_str::<T>(&raw)?)
                }
            }
            impl Networks<'_> {
                pub async fn list(&self, opts: &NetworkListOpts) -> Result<Vec<NetworkDetails>> {
                    let mut path = vec!["/networks".to_owned()];
                    if let Some(query) = opts.serialize() { path.push(query); }
                    self.docker.get_json(&path.join("?")).await
                }
                pub async fn ids(&self, ids: Vec<String>) -> Result<()> { self.docker.get_json(&ids.join(",")).await }
            }
            impl Network<'_> {
                pub async fn inspect(&self) -> Result<NetworkDetails> { self.docker.get_json(&format!("/networks/{}", self.id)[..]).await }
            }"#,
            &[
                "GET /networks in list via get_json",
                "GET unresolved in ids via get_json",
                "GET /networks/{id} in inspect via get_json",
            ],
        ),
        // a URL builder of a field's type (`self.url.auth()`, `url: Url`), found by the field's
        // name; a method of that name on a field of no such type is not it
        (
            r#"pub struct Url { pub prefix: String }
            pub trait UrlAuthentication { fn auth(&self) -> String; }
            impl UrlAuthentication for Url { fn auth(&self) -> String { format!("{}{}", self.prefix, AUTH) } }
            const AUTH: &str = "/auth";
            impl Client {
                fn refresh(&mut self) { self.agent.post(&self.url.auth()).send_bytes(b"") }
                fn other(&self) { self.agent.get(&self.settings.auth()).call() }
            }"#,
            &[
                "POST /auth [self.prefix] body=raw in refresh",
                "GET unresolved in other",
            ],
        ),
        // a route table read through `as_str()` on a variant written in place, inside
        // another route table; a helper whose URL a query may follow (`match query_params {
        // Some(..) => .., None => url }`); a method parsed from the caller's text
        // (`let method = Method::try_from(method)?`)
        (
            r#"pub enum ApiEndpoint { Player, Group }
            impl ApiEndpoint {
                pub fn as_str(&self) -> &str { match self { ApiEndpoint::Player => "/players", ApiEndpoint::Group => "/groups" } }
            }
            pub enum PlayerEndPoints { Search, Update(String) }
            impl PlayerEndPoints {
                fn url(&self) -> String {
                    match self {
                        PlayerEndPoints::Search => format!("{}/search", ApiEndpoint::Player.as_str()),
                        PlayerEndPoints::Update(username) => format!("{}/{}", ApiEndpoint::Player.as_str(), username),
                    }
                }
            }
            impl PlayerClient {
                fn get_url(&self, endpoint: PlayerEndPoints, query_params: Option<QueryParams>) -> String {
                    let base_url_with_endpoint = format!("{}{}", self.base_url, endpoint.url());
                    match query_params {
                        Some(params) => format!("{}{}", base_url_with_endpoint, query_params_to_string(&params)),
                        None => base_url_with_endpoint,
                    }
                }
                pub async fn search(&self, queries: QueryParams) { self.client.get(self.get_url(PlayerEndPoints::Search, Some(queries)).as_str()).send().await; }
                pub async fn update(&self, username: Username) {
                    let full_url = self.get_url(PlayerEndPoints::Update(username), None);
                    self.client.post(full_url.as_str()).send().await;
                }
            }
            impl Mattermost {
                pub async fn query<T>(&self, method: &str, endpoint: &str) -> Result<T, ApiError> {
                    let url = self.instance_url.join(endpoint)?;
                    let method = Method::try_from(method)?;
                    self.client.request(method, url.clone()).send().await
                }
                pub async fn get_teams(&self) -> Result<Vec<Team>, ApiError> { self.query("GET", "teams").await }
            }"#,
            &[
                "GET /players/search [self.base_url] in search",
                "POST /players/{username} [self.base_url] in update",
                "GET /teams [self.instance_url] in get_teams via query",
            ],
        ),
        // a macro of the file that writes the request where code goes (its rules calling
        // each other), on a field declared with an HTTP library's client type; a field of
        // another type called the same way is no request
        (
            r#"macro_rules! endpoint {
                ($($subj:ident).+ $method:ident $uri:literal, $(vars: [$($var:ident),+],)? into: $into:path,) => {{
                    let mut request = endpoint!(@init, $($subj).*, $method, $uri $(, [$($var),*])?);
                    let request = request.build();
                    let mut response = $($subj).*.send(request).await?;
                    let value: $into = serde_json::from_slice(response.body_bytes().await?.as_slice())?;
                    (response, value)
                }};
                (@init, $($subj:ident).+, $method:ident, $uri:literal) => { $($subj).*.$method($uri) };
                (@init, $($subj:ident).+, $method:ident, $uri:literal, [$($var:ident),+]) => {
                    $($subj).*.$method(&format!($uri, $($var),*))
                };
            }
            pub struct Client { inner: surf::Client, cache: Cache }
            impl Client {
                pub async fn game(&self, game_id: i32) -> surf::Result<Game> {
                    let (_response, value) = endpoint! { self.inner get "games/{}", vars: [game_id], into: DataResponse<_>, };
                    Ok(value.data)
                }
                pub async fn games(&self) -> surf::Result<Vec<Game>> {
                    let (_response, value) = endpoint! { self.inner get "games", into: DataResponse<_>, };
                    Ok(value.data)
                }
                pub fn cached(&self) -> Option<Game> { self.cache.get("/games/1") }
            }"#,
            &["GET /games/{game_id} in game", "GET /games in games"],
        ),
        // one wrapper written twice under two `#[cfg]`s: the first, and its twin is no
        // request of its own; a query on the API's root; the keys `set_query` is given
        (
            r#"#[cfg(not(target_arch = "wasm32"))]
            async fn fetch<T>(client: &HttpClient, url: Url) -> Result<T, Error> { client.get(url).send().await?.json().await }
            #[cfg(target_arch = "wasm32")]
            async fn fetch<T>(_client: &HttpClient, url: Url) -> Result<T, Error> { Request::get(url.as_str()).send().await?.json().await }
            impl Client {
                pub async fn status(&self) -> Result<Status, Error> {
                    let mut url = self.base_url.join("status.php").unwrap();
                    url.set_query(Some("format=json"));
                    fetch(&self.client, url).await
                }
                pub async fn search(&self, q: &str) -> Result<Vec<Place>, Error> {
                    let mut url = self.base_url.clone();
                    url.set_query(Some(&format!("q={}&format=json", q)));
                    fetch(&self.client, url).await
                }
            }
            // two traits' methods of one name for one type are not twins: each is reported
            impl Retrieve for Retriever { fn retrieve(&self, uri: &Uri) -> R { Ok(reqwest::blocking::get(uri.as_str())?.json()?) } }
            impl AsyncRetrieve for Retriever { async fn retrieve(&self, uri: &Uri) -> R { Ok(reqwest::get(uri.as_str()).await?.json().await?) } }
            fn resolve(r: &Retriever, uri: &Uri) -> R { r.retrieve(uri) }"#,
            &[
                "GET unresolved in retrieve",
                "GET unresolved in retrieve",
                "GET /status.php [self.base_url] ?format in status via fetch",
                "GET / [self.base_url] ?q,format in search via fetch",
            ],
        ),
        // a wrapper called inside `try!` (Rust 2015's `?`), whatever its name
        (
            r#"const BASE_URL: &str = "https://api.twitch.tv/kraken";
            impl HttpClient {
                pub fn get_content(&self, relative_url: &str) -> Result<String> {
                    let mut url_string = String::from(BASE_URL);
                    url_string.push_str(relative_url);
                    let request = self.hyper_client.get(&url_string).headers(self.headers());
                    Ok(try!(request.send()).text())
                }
            }
            impl TwitchClient {
                pub fn ingests(&self) -> Result<Ingests> {
                    let response = try!(self.http_client.get_content("/ingests"));
                    Ok(try!(serde_json::from_str(&response)))
                }
            }"#,
            &["GET /kraken/ingests [https://api.twitch.tv] in ingests via get_content"],
        ),
        // fomat-macros' `fomat!`: literals and parenthesized values one after the other; a
        // fn-local const made with `concatcp!` of a crate const
        (
            r#"const API: &str = "https://api.coingecko.com/api/v3";
            impl Client {
                pub async fn coin_info(&self, coin: &str) -> Result<CoinInfo, Error> {
                    const COINS: &str = concatcp!(crate::API, "/coins");
                    let uri = fomat!((COINS) "/" (coin) "?" (req.query()));
                    self.http.get(&uri).send().await
                }
            }"#,
            &["GET /api/v3/coins/{coin} [https://api.coingecko.com] in coin_info"],
        ),
        // two macros of one name (in two modules), or a rule not understood (a fragment kind
        // that does not exist): not guessed; a rule of literal tokens is matched as written,
        // the first rule that matches the whole call is used
        (
            r#"mod v1 { macro_rules! url { ($id:expr) => { format!("/v1/users/{}", $id) }; } }
            mod v2 { macro_rules! url { ($id:expr) => { format!("/v2/accounts/{}", $id) }; } }
            macro_rules! odd { ($x:bogus) => { "/bogus".to_string() }; ($id:expr) => { format!("/odd/{}", $id) }; }
            macro_rules! users { (all) => { "/users".to_string() }; ($id:expr) => { format!("/users/{}", $id) }; }
            macro_rules! pick { ($id:ident) => { format!("/by-name/{}", $id) }; ($e:expr) => { format!("/by-expr/{}", $e) }; }
            fn f(c: &C, id: u32) {
                c.http.get(format!("{}{}", c.base, url!(id))).send();
                c.http.get(format!("{}{}", c.base, odd!(id))).send();
                c.http.get(format!("{}{}", c.base, users!(all))).send();
                c.http.get(format!("{}{}", c.base, users!(id))).send();
                c.http.get(format!("{}{}", c.base, pick!(id + 1))).send();
            }"#,
            &[
                "GET unresolved in f",
                "GET unresolved in f",
                "GET /users [c.base] in f",
                "GET /users/{id} [c.base] in f",
                "GET /by-expr/{value} [c.base] in f",
            ],
        ),
        // a macro that expands to itself stops
        (
            r#"macro_rules! again { ($($a:tt)*) => { again!($($a)*) }; }
            fn f(c: &C) { c.http.get(again!("/x")).send(); }"#,
            &["GET unresolved in f"],
        ),
        // a URL known only at run time is still a call, unresolved
        (
            r#"fn f(c: &C, url: &str) { c.http.get(url).send(); }"#,
            &["GET unresolved in f"],
        ),
        // so is one whose path is a runtime value
        (
            r#"fn f(c: &C, path: &str) { c.http.get(format!("{}{}", c.base, path)).send(); c.http.get(format!("{}/{}", c.base, path)).send(); }"#,
            &["GET unresolved in f", "GET unresolved in f"],
        ),
        // a value looked up by a fixed key is not the key: `r.header(LOCATION)` is no path
        (
            r#"const LOCATION: &str = "Location"; fn f(c: &C, r: &R) { c.http.get(r.header(LOCATION).unwrap()).call(); c.http.get(r.header("x-next").unwrap()).call(); c.http.get(c.cfg.url("/users")).call(); }"#,
            &[
                "GET unresolved in f",
                "GET unresolved in f",
                "GET /users in f",
            ],
        ),
        // a wrapper routelint cannot see into (another crate's client): the method is in its
        // name, the URL in its first argument
        (
            r#"impl GistsHandler {
                async fn get(&self, id: &str) -> R { self.crab.get(format!("/gists/{id}"), None::<&()>).await }
                async fn star(&self, id: &str) -> R { self.crab._put(format!("/gists/{}/star", id), None::<&()>).await }
                async fn create(&self) -> R { self.crab.post("/gists", Some(&self.data)).await }
                fn version(&self) -> R { self.get_json("/version") }
            }"#,
            &[
                "GET /gists/{id} in get via get (unseen)",
                "PUT /gists/{id}/star in star via _put (unseen)",
                "POST /gists in create via post (unseen)",
                "GET /version in version via get_json (unseen)",
            ],
        ),
        // ... or a method value passed to a function that is no wrapper routelint can follow
        (
            r#"impl Client { async fn create_dump(&self) -> R {
                request::<(), (), TaskInfo>(&format!("{}/dumps", self.host), self.key(), Method::Post { query: (), body: () }, 202).await
            } }"#,
            &["POST /dumps [self.host] in create_dump via request (unseen)"],
        ),
        // the method in a typestate request's type, the URL built before its constructor
        (
            r#"const DROPLETS: &str = "droplets";
            impl Droplet {
                pub fn create(name: &str) -> DropletRequest<Create, Droplet> { let mut url = ROOT_URL.clone(); url.path_segments_mut().expect(E).push(DROPLETS); let mut req = Request::new(url); req.set_body(json!({ "name": name })); req }
                pub fn get(id: usize) -> DropletRequest<Get, Droplet> { let mut url = ROOT_URL.clone(); url.path_segments_mut().expect(E).push(DROPLETS).push(&id.to_string()); Request::new(url) }
                pub fn update(id: usize) -> DropletRequest<Update, Droplet> { let mut url = ROOT_URL.clone(); url.path_segments_mut().expect(E).push(DROPLETS); Request::new(url) }
                pub fn parse(text: &str) -> Parsed<Get, Droplet> { Parser::new(text) }
                pub fn cached(key: &str) -> CacheRequest<Get, Droplet> { CacheRequest::new(key) }
            }"#,
            &[
                "POST /droplets [ROOT_URL] in create",
                "GET /droplets/{id} [ROOT_URL] in get",
            ],
        ),
        // a path kept in a builder's field: what its one constructor call stored there
        (
            r#"impl<'o> GistsHandler<'o> {
                pub fn update(&self, id: &str) -> UpdateGistBuilder<'o> { UpdateGistBuilder::new(self.crab, format!("/gists/{id}")) }
            }
            impl<'o> UpdateGistBuilder<'o> {
                fn new(crab: &'o Octocrab, gist_path: String) -> Self { Self { crab, gist_path, data: Default::default() } }
                pub async fn send(self) -> R { self.crab.patch(self.gist_path, Some(&self.data)).await }
            }
            impl Status {
                fn new(client: C) -> Self { Status { client, url: "https://status.example.com/api/v2/summary".to_string() } }
                fn fetch(&self) { self.client.http.get(&self.url).send(); }
            }"#,
            &[
                "PATCH /gists/{id} in send via patch (unseen)",
                "GET /api/v2/summary [https://status.example.com] in fetch",
            ],
        ),
        // a field holding a URL with a path of its own (weaviate's `url.join("/v1/batch/")`):
        // what is joined to it goes under that path, not under the API's root
        (
            r#"impl Batch {
                fn new(url: &Url, client: Client) -> Result<Self> {
                    let endpoint = url.join("/v1/batch/")?;
                    Ok(Batch { endpoint, client })
                }
                async fn objects(&self, tenant: &str) -> R {
                    let mut endpoint = self.endpoint.join("objects")?;
                    endpoint.query_pairs_mut().append_pair("tenant", tenant);
                    self.client.post(endpoint).send().await
                }
                async fn references(&self) -> R { self.client.post(self.endpoint.join("references")?).send().await }
            }
            impl Client { fn batch(&self) -> Result<Batch> { Batch::new(&self.base, self.http.clone()) } }"#,
            &[
                "POST /v1/batch/objects [url] ?tenant in objects",
                "POST /v1/batch/references [url] in references",
            ],
        ),
        // openapi-generator names a path's value as the spec does: `{id}`, not `p_path_id`
        (
            r#"pub async fn get_app_profile(configuration: &Configuration, p_path_id: i32) -> R {
                let uri = format!("{}/api/v1/appprofile/{id}", configuration.base_path, id = p_path_id);
                configuration.client.request(reqwest::Method::GET, uri.as_str()).send().await
            }"#,
            &["GET /api/v1/appprofile/{id} [configuration.base_path] in get_app_profile"],
        ),
        // ... but not when two calls store two paths, nor a field beside other text
        (
            r#"impl Job {
                fn new(c: C, job_path: String) -> Self { Self { c, job_path } }
                fn run(&self) { self.c.http.post(&self.job_path).send(); }
                fn fetch(&self, id: &str) { self.c.http.get(format!("{}/jobs/{id}", self.base_url)).send(); }
            }
            fn a(c: C) { Job::new(c, "/jobs/a".to_string()); }
            fn b(c: C) { Job::new(c, "/jobs/b".to_string()); }"#,
            &[
                "POST unresolved in run",
                "GET /jobs/{id} [self.base_url] in fetch",
            ],
        ),
        // a template filled in with `.replace`
        (
            r#"const USER: &str = "/users/{id}/repos/{repo}";
            fn f(c: &C, id: &str, repo: &str, name: &str) {
                c.http.get(format!("{}{}", c.base, USER.replace("{id}", id).replace("{repo}", &repo.to_string()))).send();
                c.http.get(format!("{}/teams/{}", c.base, name.replace(' ', "-"))).send();
            }"#,
            &[
                "GET /users/{id}/repos/{repo} [c.base] in f",
                "GET /teams/{name} [c.base] in f",
            ],
        ),
        // a map body built with literal keys, and form bodies
        (
            r#"fn f(c: &C, name: &str, k: &str, extra: &mut Extra) {
                let mut body = HashMap::new();
                body.insert("name", name);
                if name.is_empty() { body.insert("force".to_string(), "1"); }
                c.http.post(format!("{}/repos", c.base)).json(&body).send();
                let mut other = serde_json::Map::new();
                other.insert(k.to_string(), json!(1));
                c.http.post(format!("{}/repos", c.base)).json(&other).send();
                let mut lent = HashMap::new();
                lent.insert("a", 1);
                extra.fill(&mut lent);
                c.http.post(format!("{}/repos", c.base)).json(&lent).send();
                c.http.post(format!("{}/token", c.base)).form(&[("grant_type", "password"), ("username", name)]).send();
            }"#,
            &[
                "POST /repos [c.base] body=json{name,force} in f",
                "POST /repos [c.base] body=json in f",
                "POST /repos [c.base] body=json in f",
                "POST /token [c.base] body=form{grant_type,username} in f",
            ],
        ),
        // a body serialized by hand is JSON all the same; other raw bodies are raw
        (
            r#"#[derive(Serialize)] struct Exec { command: String, #[serde(rename = "cwd")] dir: String }
            fn f(c: &C, req: &Exec, data: Vec<u8>) {
                c.http.post(format!("{}/exec", c.base)).body(serde_json::to_string(&json!({ "command": "ls" })).unwrap()).send();
                c.http.post(format!("{}/exec", c.base)).header("Content-Type", "application/json").body(to_vec(req).expect("json")).send();
                c.http.post(format!("{}/upload", c.base)).body(data).send();
            }"#,
            &[
                "POST /exec [c.base] body=json{command} in f",
                "POST /exec [c.base] body=json{command,cwd} in f",
                "POST /upload [c.base] body=raw in f",
            ],
        ),
        (
            r#"#[derive(Serialize)] struct Login { username: String, #[serde(rename = "pass")] password: String }
            fn login(c: &C, form: &Login) { c.http.post(format!("{}/login", c.base)).form(form).send(); }"#,
            &["POST /login [c.base] body=form{username,pass} in login"],
        ),
        // a name bound to a value made from itself (`let rng = rng.fork()`) is followed once
        (
            r#"fn f(c: &C, rng: Rng) { let rng = rng.fork(); c.http.get(format!("{}/x/{}", c.base, rng.u8())).send(); }"#,
            &["GET /x/{u8} [c.base] in f"],
        ),
        // host and port both belong to the base
        (
            r#"fn f(c: &C) { c.http.get(format!("http://{}:{}/users", c.host, c.port)).send(); }"#,
            &["GET /users [http://{c.host}:{c.port}] in f"],
        ),
        // growing a String: push_str, +=, write!
        (
            r#"fn f(c: &C, id: &str) { let mut url = format!("{}/users", c.base); url.push_str("/"); url.push_str(id); url += "/posts"; c.http.get(&url).send(); }"#,
            &["GET /users/{id}/posts [c.base] in f"],
        ),
        (
            r#"fn f(c: &C, id: u32) { let mut url = c.base.clone(); write!(url, "/items/{}", id).unwrap(); c.http.get(&url).send(); }"#,
            &["GET /items/{id} [c.base] in f"],
        ),
        // a change inside an `if` may not happen: the URL is no longer known...
        (
            r#"fn f(c: &C, flag: bool) { let mut url = format!("{}/posts", c.base); if flag { url = format!("{}/users", c.base); } c.http.get(&url).send(); }"#,
            &["GET unresolved in f"],
        ),
        // ... unless it only adds a query: after a `?`, whatever is appended is query
        (
            r#"fn f(c: &C, offset: Option<usize>, limit: Option<usize>) {
                let mut url = format!("{}/indexes/{}/documents?", c.host, c.uid);
                if let Some(offset) = offset { url.push_str("offset="); url.push_str(offset.to_string().as_str()); url.push('&'); }
                if let Some(limit) = limit { url.push_str("limit="); url.push_str(&limit.to_string()); }
                c.http.get(&url).send();
            }"#,
            &["GET /indexes/{uid}/documents [c.host] ?offset,limit in f"],
        ),
        // two branches that differ only by a query are the same path; by more, two paths,
        // each a request of the one call
        (
            r#"fn f(c: &C, pk: Option<&str>, v2: bool) {
                let url = if let Some(pk) = pk { format!("{}/documents?primaryKey={}", c.host, pk) } else { format!("{}/documents", c.host) };
                c.http.post(&url).send();
                let other = if v2 { format!("{}/v2/documents", c.host) } else { format!("{}/documents", c.host) };
                c.http.post(&other).send();
            }"#,
            &[
                "POST /documents [c.host] ?primaryKey in f",
                "POST /v2/documents [c.host] in f",
                "POST /documents [c.host] in f",
            ],
        ),
        (
            r#"fn f(c: &C, q: Option<&str>) { let mut url = format!("{}/posts", c.base); if let Some(q) = q { url = format!("{url}?q={q}"); } c.http.get(&url).send(); }"#,
            &["GET /posts [c.base] ?q in f"],
        ),
        // a header read from the response is no second request, though the chain names a
        // client
        (
            r#"impl C { async fn get_id(&self) -> Result<String> { Ok(self.client.get(format!("{}/noauth/health", self.base_url)).send().await?.error_for_status()?.headers().get("X-Syncthing-Id").ok_or(Error::Header)?.to_str()?.to_string()) } }"#,
            &["GET /noauth/health [self.base_url] in get_id"],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// A name bound by any pattern hides an outer `let` of the same name.
#[test]
fn shadowing_hides_outer_bindings() {
    let cases = [
        r#"fn f(c: &C, urls: Vec<String>) { let url = "/users"; for url in urls { c.http.get(&url).send(); } }"#,
        r#"fn f(c: &C) { let url = "/users"; let g = |url: &str| c.http.get(url).send(); }"#,
        r#"fn f(c: &C, o: Option<String>) { let url = "/users"; if let Some(url) = o { c.http.get(&url).send(); } }"#,
        r#"fn f(c: &C, o: Option<String>) { let url = "/users"; match o { Some(url) => { c.http.get(&url).send(); } None => {} } }"#,
        r#"fn f(c: &C, p: (String, u8)) { let url = "/users"; let (url, _n) = p; c.http.get(&url).send(); }"#,
        r#"const URL: &str = "/users"; fn f(c: &C, URL: &str) { c.http.get(URL).send(); }"#,
    ];
    for src in cases {
        assert_eq!(
            describe(src),
            vec!["GET unresolved in f".to_string()],
            "{src}"
        );
    }
    // After the loop the outer binding is back.
    let after = r#"fn f(c: &C, urls: Vec<String>) { let url = "/users"; for url in urls { let _ = url; } c.http.get(url).send(); }"#;
    assert_eq!(describe(after), vec!["GET /users in f".to_string()]);
}

#[test]
fn bom_and_shebang_keep_offsets() {
    for prefix in [
        "\u{feff}",
        "#!/usr/bin/env run-cargo-script\n",
        // characters of several bytes before the call, on its line and the lines above
        "// café — naïve 🦀\r\nconst É: &str = \"ü\";\n/* 🦀 */ ",
    ] {
        let src = format!(
            "{prefix}fn f(c: &C, id: &str) {{ c.http.get(format!(\"{{}}/users/{{}}\", c.base_url, id)).send(); }}"
        );
        let calls = extract_from_str(&src, "case.rs").expect("parses");
        let url = CallUrl::split(&calls[0].url).expect("splits");
        assert_eq!(url.base.as_deref(), Some("c.base_url"), "{prefix:?}");
        let site = calls[0].url.literal.as_ref().expect("literal");
        assert_eq!(&src[site.range.clone()], "\"{}/users/{}\"", "{prefix:?}");
        let verb = calls[0].method_site.as_ref().expect("verb");
        assert_eq!(&src[verb.range.clone()], "get", "{prefix:?}");
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
        // lookups on things that are not HTTP clients, whatever the key looks like
        r#"fn f(&self) { let id = self.session.get("user_id"); }"#,
        r#"fn f(req: &Req) { let ua = req.user_agent.get("x"); }"#,
        r#"fn f(&self) { let hit = self.cache.get("/sandboxes"); let k = self.cache.get(&format!("{}/x", self.prefix)); }"#,
        // servers' routers and other lookups named like a method
        r#"fn app() { let r = Router::new().get("/users/:id", show).post("/users", create); }"#,
        r#"fn routes(route: &mut R) { route.get("/products").to(list); route.get(&format!("/{}/x", P)).to(x); }"#,
        r#"fn f(&self) { let s = self.settings.get("/server/port"); let u = get_user("/x"); }"#,
        r#"fn f(&self, key: &str) { let v = self.crab.get(key, None); let w = self.crab.get("config.json", None); }"#,
        // a function of the crate the call names is what it calls, even if it sends nothing
        r#"impl Api { fn get(&self, p: &str) -> Option<&V> { self.values.get(p) } fn f(&self) { self.get("/users"); } }"#,
        // test code is not the client
        r#"#[cfg(test)] mod tests { fn f(c: &C) { c.http.get(format!("{}/x", c.base)).send(); } }"#,
        r#"#[test] fn f() { let c = C::new(); c.http.get(format!("{}/x", c.base)).send(); }"#,
    ];
    for src in cases {
        assert_eq!(describe(src), Vec::<String>::new(), "{src}");
    }
}

/// Calls that go through the crate's own functions: wrappers, helpers, consts.
#[test]
fn through_the_crate() {
    let cases: &[(&str, &[&str])] = &[
        // a wrapper named after its method, called with a literal path
        (
            r#"impl Api {
                async fn get<T>(&self, path: &str) -> Result<T> { self.http.get(format!("{}{}", self.base, path)).send().await?.json().await }
                async fn sandbox(&self, id: &str) -> Result<Sandbox> { self.get(&format!("/sandboxes/{id}")).await }
                async fn list(&self) -> Result<Vec<Sandbox>> { self.get::<Vec<Sandbox>>("/sandboxes").await }
            }"#,
            &[
                "GET /sandboxes/{id} [self.base] in sandbox via get",
                "GET /sandboxes [self.base] in list via get",
            ],
        ),
        // the body carried by a project's method enum, sent by hand-serializing it
        (
            r#"#[derive(Serialize)] struct Query { q: String, #[serde(rename = "filters")] filter: String }
            enum Method<T> { Get, Post(T), Put { body: T } }
            async fn request<I: Serialize>(url: &str, method: Method<I>) -> R {
                match &method {
                    Method::Get => isahc::Request::get(url).body(()).send_async().await,
                    Method::Post(body) => isahc::Request::post(url).header("Content-Type", "application/json").body(serde_json::to_string(&body).unwrap()).send_async().await,
                    Method::Put { body } => isahc::Request::put(url).body(serde_json::to_string(body).unwrap()).send_async().await,
                }
            }
            impl Index {
                async fn search(&self, query: &Query) -> R { request(&format!("{}/indexes/{}/search", self.host, self.uid), Method::Post(query)).await }
                async fn rename(&self, to: &str) -> R { request(&format!("{}/indexes/{}", self.host, self.uid), Method::Put { body: json!({ "uid": to }) }).await }
                async fn dump(&self) -> R { request(&format!("{}/dumps", self.host), Method::Post(())).await }
                async fn stats(&self) -> R { request::<()>(&format!("{}/stats", self.host), Method::Get).await }
            }"#,
            &[
                "POST /indexes/{uid}/search [self.host] body=json{q,filters} in search via request",
                "PUT /indexes/{uid} [self.host] body=json{uid} in rename via request",
                "POST /dumps [self.host] in dump via request",
                "GET /stats [self.host] in stats via request",
            ],
        ),
        // a wrapper that sends its parameter as the body: each caller's argument is the body
        (
            r#"#[derive(Serialize)] #[serde(rename_all = "camelCase")] struct CreateSandbox { sandbox_id: String }
            impl Api {
                async fn post<B: Serialize>(&self, path: &str, body: &B) -> R { self.http.post(format!("{}{}", self.base, path)).json(body).send().await }
                async fn send<T: Serialize>(&self, path: &str, payload: &T) -> R { self.post(path, payload).await }
                async fn exec(&self, c: &str) -> R { self.post("/exec", &json!({ "command": c })).await }
                async fn create(&self, req: &CreateSandbox) -> R { self.post("/sandboxes", req).await }
                async fn literal(&self) -> R { self.post("/sandboxes", &CreateSandbox { sandbox_id: "a".into() }).await }
                async fn deep(&self) -> R { self.send("/exec", &json!({ "cmd": 1 })).await }
                async fn opaque(&self, v: &serde_json::Value) -> R { self.post("/exec", v).await }
            }"#,
            &[
                "POST /exec [self.base] body=json{command} in exec via post",
                "POST /sandboxes [self.base] body=json{sandboxId} in create via post",
                "POST /sandboxes [self.base] body=json{sandboxId} in literal via post",
                "POST /exec [self.base] body=json{cmd} in deep via send>post",
                "POST /exec [self.base] body=json in opaque via post",
            ],
        ),
        // the method passed as `Method`, two layers deep, body from the wrapper
        (
            r#"impl Api {
                async fn send(&self, method: Method, path: &str, body: &B) -> R { self.http.request(method, format!("{}/v1{}", self.base, path)).json(body).send().await }
                async fn post(&self, path: &str, body: &B) -> R { self.send(Method::POST, path, body).await }
                async fn create(&self, b: &B) -> R { self.post("/sandboxes", b).await }
                async fn stop(&self, id: &str) -> R { self.send(reqwest::Method::DELETE, &format!("/sandboxes/{id}"), &()).await }
            }"#,
            &[
                "POST /v1/sandboxes [self.base] body=json in create via post>send",
                // `&()` as the body: nothing is meant to be sent
                "DELETE /v1/sandboxes/{id} [self.base] in stop via send",
            ],
        ),
        // a project's own method enum, matched in the wrapper
        (
            r#"enum Verb { Get, Post { body: String } }
            impl Api {
                fn call(&self, verb: Verb, path: &str) -> R {
                    let url = format!("{}{}", self.base, path);
                    match verb {
                        Verb::Get => self.http.get(&url).send(),
                        Verb::Post { body } => self.http.post(&url).body(body).send(),
                    }
                }
                fn info(&self) -> R { self.call(Verb::Get, "/info") }
                fn exec(&self, cmd: String) -> R { self.call(Verb::Post { body: cmd }, "/exec") }
            }"#,
            &[
                "GET /info [self.base] in info via call",
                "POST /exec [self.base] body=raw in exec via call",
            ],
        ),
        // a request struct carrying method and path
        (
            r#"struct Req { method: Method, path: String }
            impl Api {
                fn execute(&self, req: Req) -> R { self.http.request(req.method, format!("{}{}", self.base, req.path)).send() }
                fn me(&self) -> R { self.execute(Req { method: Method::GET, path: "/users/me".into() }) }
            }"#,
            &["GET /users/me [self.base] in me via execute"],
        ),
        // a string helper building the URL
        (
            r#"impl Api {
                fn url(&self, path: &str) -> String { format!("{}/api{}", self.base, path) }
                fn health(&self) -> R { self.http.get(self.url("/health")).send() }
            }"#,
            &["GET /api/health [self.base] in health"],
        ),
        // a wrapper nobody calls is reported, unresolved
        (
            r#"impl Api { pub fn raw(&self, path: &str) -> R { self.http.get(format!("{}{}", self.base, path)).send() } }"#,
            &["GET unresolved in raw"],
        ),
        // a transport taking the method as a value and more arguments (shiplift's style)
        (
            r#"impl Docker {
                async fn get_json<T>(&self, endpoint: &str) -> Result<T> { self.transport.request(Method::GET, endpoint, Payload::None, Headers::None).await }
                async fn version(&self) -> Result<Version> { self.get_json("/version").await }
            }"#,
            &["GET /version in version via get_json"],
        ),
        // `self.request(Method::GET, ..)` on `self` is the crate's own wrapper (goji's style)
        (
            r#"impl Jira {
                fn get<D>(&self, api: &str, endpoint: &str) -> Result<D> { self.request::<D>(Method::GET, api, endpoint, None) }
                fn request<D>(&self, method: Method, api: &str, endpoint: &str, body: Option<Vec<u8>>) -> Result<D> {
                    let url = format!("{}/rest/{}/latest{}", self.host, api, endpoint);
                    self.client.request(method, &url).send()
                }
                fn issue(&self, id: &str) -> Result<Issue> { self.get("agile", &format!("/issue/{}", id)) }
            }"#,
            &["GET /rest/agile/latest/issue/{id} [self.host] in issue via get>request"],
        ),
        // a helper of another type passes its one argument on (`self.config.url(path)`)
        (
            r#"impl Client {
                async fn get<O>(&self, path: &str) -> Result<O> { self.http.get(self.config.url(path)).send().await }
                async fn models(&self) -> Result<Models> { self.get("/models").await }
            }"#,
            &["GET /models in models via get"],
        ),
        // `Url::join` of a template, then a wrapper taking the URL (crates-io-api's style)
        (
            r#"impl Client {
                async fn get<T>(&self, url: &Url) -> Result<T> { self.client.get(url.clone()).send().await }
                async fn owners(&self, name: &str) -> Result<Owners> {
                    let url = self.base_url.join(&format!("crates/{}/owners", name)).unwrap();
                    self.get(&url).await
                }
            }"#,
            &["GET /crates/{name}/owners [self.base_url] in owners via get"],
        ),
        // an endpoint type: `method()` and `path()` in one impl (cloudflare-rs's style)
        (
            r#"pub struct ListDnsRecords<'a> { pub zone: &'a str }
            impl<'a> Endpoint<Vec<DnsRecord>> for ListDnsRecords<'a> {
                fn method(&self) -> Method { Method::Get }
                fn path(&self) -> String { format!("zones/{}/dns_records", self.zone) }
            }
            impl Display for ListDnsRecords<'_> {
                fn fmt(&self, f: &mut Formatter) -> fmt::Result { write!(f, "list") }
            }"#,
            &["GET /zones/{zone}/dns_records in ListDnsRecords"],
        ),
        // the HTTP client's own `get` is not a crate wrapper of the same name
        (
            r#"impl Api {
                fn get(&self, path: &str) -> R { self.http.get(format!("{}{}", self.base, path)).send() }
                fn direct(&self) -> R { self.http.get(format!("{}/ping", self.base)).send() }
                fn wrapped(&self) -> R { self.get("/pong") }
            }"#,
            &[
                "GET /ping [self.base] in direct",
                "GET /pong [self.base] in wrapped via get",
            ],
        ),
        // esplora: a path that is one of two (a `match` on an option, an `if`), given to a
        // wrapper or to the client: one request per path, at the one call
        (
            r#"impl Client {
                fn get_response_json<T>(&self, path: &str) -> Result<T, Error> {
                    self.client.get(format!("{}{}", self.url, path)).send()?.json()
                }
                pub fn get_blocks(&self, height: Option<u32>) -> Result<Vec<Block>, Error> {
                    let path = match height {
                        Some(height) => format!("/blocks/{height}"),
                        None => "/blocks".to_string(),
                    };
                    self.get_response_json(&path)
                }
                pub fn txs(&self, address: &str, mempool: bool) -> R {
                    let url = if mempool {
                        format!("{}/address/{address}/txs/mempool", self.url)
                    } else {
                        format!("{}/address/{address}/txs", self.url)
                    };
                    self.client.get(&url).send()
                }
                pub fn same(&self, height: Option<u32>) -> R {
                    let path = match height { Some(_) => "/tip".to_string(), None => "/tip".to_string() };
                    self.get_response_json(&path)
                }
                pub fn list(&self, cursor: Option<&str>) -> R {
                    let path = match cursor { Some(cursor) => cursor.to_string(), None => "/v1/predictions".to_string() };
                    self.get_response_json(&path)
                }
            }"#,
            &[
                "GET /address/{address}/txs/mempool [self.url] in txs",
                "GET /address/{address}/txs [self.url] in txs",
                "GET /blocks/{height} [self.url] in get_blocks via get_response_json",
                "GET /blocks [self.url] in get_blocks via get_response_json",
                "GET /tip [self.url] in same via get_response_json",
                // the next page's URL, given by the server, stays unknown
                "GET /v1/predictions [self.url] in list via get_response_json",
                "GET unresolved in list via get_response_json",
            ],
        ),
        // threema: one of several paths, then a query appended to it: a request per path,
        // each with the query
        (
            r#"pub(crate) fn lookup_id(endpoint: &str, criterion: &Criterion, our_id: &str) -> R {
                let url_base = match criterion {
                    Criterion::Phone(ref val) => format!("{}/lookup/phone/{}", endpoint, val),
                    Criterion::Email(ref val) => format!("{}/lookup/email/{}", endpoint, val),
                };
                let url = format!("{}?from={}", url_base, our_id);
                Client::new().get(&url).send()
            }"#,
            &[
                "GET /lookup/phone/{val} [endpoint] ?from in lookup_id",
                "GET /lookup/email/{val} [endpoint] ?from in lookup_id",
            ],
        ),
        // ... but a choice of bases is no choice of paths (a query on the API's root, one
        // request); a query on some other URL held at run time says nothing of its path
        (
            r#"pub async fn a(client: &reqwest::Client, prod: bool, k: &str) -> R {
                let base = if prod { "https://api.example.com" } else { "http://localhost:8080" };
                let url = format!("{}?page={}", base, k);
                client.get(&url).send().await
            }
            pub async fn b(client: &reqwest::Client, endpoint: &str, k: &str) -> R {
                client.get(&format!("{}?page={}", endpoint, k)).send().await
            }"#,
            &["GET / [base] ?page in a", "GET unresolved in b"],
        ),
        // a builder from a wrapper whose path is one of two: each request gets the query
        (
            r#"impl Api {
                fn build(&self, method: Method, path: &str) -> RequestBuilder { self.client.request(method, format!("{}{}", self.base, path)) }
                pub async fn one(&self, x: bool) -> R {
                    let path = if x { "/a" } else { "/b" };
                    let r = self.build(Method::GET, path);
                    let r = r.query(&[("page", 1)]);
                    r.send().await
                }
            }"#,
            &[
                "GET /a [self.base] ?page in one via build",
                "GET /b [self.base] ?page in one via build",
            ],
        ),
        // a body set one way in one branch and another way in the other: not known
        (
            r#"pub async fn held(client: &reqwest::Client, flag: bool) -> R {
                let mut b = client.post("https://api.example.com/a");
                if flag { b = b.json(&A { name: "y".into() }); } else { b = b.form(&[("name", "y")]); }
                b.send().await
            }"#,
            &["POST /a [https://api.example.com] body=raw in held"],
        ),
        // travis (futures 0.1): the URL parsed and made a future before the wrapper gets it
        (
            r#"impl<'a, C> Env<'a, C> {
                pub fn vars(&self) -> Future<Vec<EnvVar>> {
                    Box::new(self.travis.get(
                        format!("{host}/repo/{slug}/env_vars", host = self.travis.host, slug = self.slug)
                            .parse()
                            .map_err(Error::from)
                            .into_future(),
                    ))
                }
            }"#,
            &["GET /repo/{slug}/env_vars [self.travis.host] in vars via get (unseen)"],
        ),
        // travis (hyper 0.11, futures 0.1): `Request::new(method, uri)` in a closure given the
        // future's value, in a wrapper of the crate and in a fn that builds its own URL
        (
            r#"impl<C> Client<C> {
                pub(crate) fn get<T>(&self, uri: FutureResult<Uri, Error>) -> Future<T> {
                    self.request::<T>(Method::Get, None, uri)
                }
                pub(crate) fn request<T>(&self, method: Method, body: Option<Vec<u8>>, uri: FutureResult<Uri, Error>) -> Future<T> {
                    let http_client = self.http.clone();
                    let response = uri.and_then(move |uri| {
                        let mut req = Request::new(method, uri);
                        http_client.request(req).map_err(Error::from)
                    });
                    Box::new(response)
                }
                pub fn repos(&self) -> Future<Repos> {
                    self.get(format!("{host}/repos", host = self.host).parse().map_err(Error::from).into_future())
                }
                pub fn auth(&self, host: &str) -> Future<Token> {
                    let uri = format!("{host}/auth/github", host = "https://api.travis-ci.org")
                        .parse()
                        .map_err(Error::from)
                        .into_future();
                    let response = uri.and_then(move |uri| {
                        let mut req = Request::new(Method::Post, uri);
                        self.http.request(req)
                    });
                    Box::new(response)
                }
            }"#,
            &[
                "POST /auth/github [https://api.travis-ci.org] in auth",
                "GET /repos [self.host] in repos via get>request",
            ],
        ),
        // zulip: a segment appended in some branches only: the URL is one of them; appended in
        // a loop, it may be appended any number of times, and stays unknown
        (
            r#"impl GetUsers {
                pub async fn send(&self) -> String {
                    let mut endpoint = String::from("/users");
                    if let Some(id) = self.user_id {
                        endpoint = format!("{}/{}", endpoint, id);
                    } else if let Some(email) = &self.email {
                        endpoint = format!("{}/{}", endpoint, email);
                    }
                    self.client.get(&endpoint).send().await
                }
                pub async fn nested(&self, parts: &[&str]) -> String {
                    let mut url = String::from("/groups");
                    for part in parts { url = format!("{}/{}", url, part); }
                    self.client.get(&url).send().await
                }
            }"#,
            &[
                "GET /users in send",
                "GET /users/{id} in send",
                "GET /users/{email} in send",
                "GET unresolved in nested",
            ],
        ),
        // pi-hole: `let url;` given a value in each branch of a `match`; the branches agree up
        // to the query. Where they give two paths, one request per path.
        (
            r#"impl PiHoleAPI {
                async fn authenticated_json_request<T>(&self, path_query: &str) -> Result<T, Box<dyn Error>> {
                    let auth_path_query;
                    match path_query.contains("?") {
                        true => { auth_path_query = format!("{}{}&auth={}", self.host, path_query, self.api_key.as_ref().unwrap()) }
                        false => { auth_path_query = format!("{}{}?auth={}", self.host, path_query, self.api_key.as_ref().unwrap()) }
                    }
                    let response = reqwest::get(&auth_path_query).await?;
                    Ok(response.json().await?)
                }
                pub async fn get_top_items(&self, count: Option<u32>) -> R {
                    self.authenticated_json_request(&format!("/admin/api.php?topItems={}", count.unwrap_or(10))).await
                }
                pub async fn either(&self, v2: bool) -> R {
                    let url;
                    if v2 { url = format!("{}/v2/items", self.host) } else { url = format!("{}/items", self.host) }
                    reqwest::get(&url).await
                }
            }"#,
            &[
                "GET /v2/items [self.host] in either",
                "GET /items [self.host] in either",
                "GET /admin/api.php [self.host] ?topItems,auth in get_top_items via authenticated_json_request",
            ],
        ),
        // travis: a field named for the service (`travis`) whose type is the crate's client:
        // its `get` is the crate's wrapper, not a client's `get` out of sight
        (
            r#"pub struct Client { http: reqwest::Client, host: String }
            impl Client {
                pub(crate) fn get<T>(&self, uri: String) -> Future<T> {
                    self.http.get(format!("{}{}", self.host, uri)).send()
                }
            }
            pub struct Env<'a> { pub(crate) travis: &'a Client, slug: Arc<String> }
            impl<'a> Env<'a> {
                pub fn vars(&self) -> Future<Vec<EnvVar>> {
                    self.travis.get(format!("/repo/{slug}/env_vars", slug = self.slug))
                }
            }"#,
            &["GET /repo/{slug}/env_vars [self.host] in vars via get"],
        ),
        // esplora: minreq's `get(url)`, a request sent by the wrappers above it
        (
            r#"impl BlockingClient {
                pub fn get_request(&self, path: &str) -> Result<Request, Error> {
                    let mut request = minreq::get(format!("{}{}", self.url, path));
                    if let Some(timeout) = &self.timeout { request = request.with_timeout(*timeout); }
                    Ok(request)
                }
                fn get_with_retry(&self, url: &str) -> Result<Response, Error> {
                    loop { match self.get_request(url)?.send()? { resp => return Ok(resp) } }
                }
                pub fn get_tx_status(&self, txid: &Txid) -> Result<TxStatus, Error> {
                    self.get_with_retry(&format!("/tx/{txid}/status"))
                }
            }"#,
            &["GET /tx/{txid}/status [self.url] in get_tx_status via get_with_retry>get_request"],
        ),
        // wallabag: an endpoint enum whose `Display` impl writes one `match`, interpolated by
        // a URL builder on a field; the method given beside it
        (
            r#"pub enum EndPoint { Token, Entry(u32) }
            impl fmt::Display for EndPoint {
                fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    use self::EndPoint::*;
                    write!(f, "{}", match self {
                        Token => "/oauth/v2/token".to_owned(),
                        Entry(i) => format!("/api/entries/{}.json", i),
                    })
                }
            }
            impl UrlBuilder {
                pub fn build(&self, end_point: EndPoint) -> String { format!("{}{}", self.base_url, end_point) }
            }
            impl Client {
                fn json_q<T, J: Serialize>(&mut self, method: Method, end_point: EndPoint, json: &J) -> ClientResult<T> {
                    let url = self.url.build(end_point);
                    let request = self.client.request(method, &url).json(json);
                    Ok(request.send()?.json()?)
                }
                pub fn get_entry(&mut self, id: u32) -> ClientResult<Entry> {
                    self.json_q(Method::GET, EndPoint::Entry(id), UNIT)
                }
                fn load_token(&mut self) -> ClientResult<()> {
                    self.json_q(Method::POST, EndPoint::Token, &fields)
                }
            }"#,
            &[
                "GET /api/entries/{id}.json [self.base_url] body=json in get_entry via json_q",
                "POST /oauth/v2/token [self.base_url] body=json in load_token via json_q",
            ],
        ),
        // pusher: the scheme and the host before the path, and a method named by a string
        // that the wrapper turns into a `Method` with a `match`
        (
            r#"pub fn send_request(client: &mut Client, method: &str, request_url: Url, data: Option<&str>) -> R {
                let request_method = match method { "POST" => Method::Post, _ => Method::Get };
                let mut builder = client.request(request_method, request_url).header(ContentType::json());
                builder.send()
            }
            impl Pusher {
                pub fn trigger(&mut self, body: String) -> R {
                    let request_url_string = format!("{}://{}/apps/{}/events", self.scheme(), self.host, self.app_id);
                    let mut request_url = Url::parse(&request_url_string).unwrap();
                    let method = "POST";
                    update_request_url(method, &mut request_url, &self.key, &self.secret, Some(&body));
                    send_request(&mut self.http_client, method, request_url, None)
                }
                pub fn channels(&mut self) -> R {
                    let request_url = Url::parse(&format!("{}://{}/apps/{}/channels", self.scheme(), self.host, self.app_id)).unwrap();
                    send_request(&mut self.http_client, "GET", request_url, None)
                }
            }"#,
            &[
                "POST /apps/{app_id}/events [{self.scheme()}://{self.host}] in trigger via send_request",
                "GET /apps/{app_id}/channels [{self.scheme()}://{self.host}] in channels via send_request",
            ],
        ),
        // ftx: a query parameter named `method` is no API method name, and `dbg!` returns
        // the URL it prints
        (
            r#"impl Rest {
                async fn get<T>(&self, path: &str, params: Option<Value>) -> Result<T> {
                    self.client.get(format!("{}{}", self.base, path)).send().await
                }
                pub async fn deposit_address(&self, coin: &str, method: Option<&str>) -> R {
                    self.get(&format!("/wallet/deposit_address/{}{}", coin,
                        if let Some(method) = method { format!("?method={}", method) } else { "".to_string() }), None).await
                }
                pub async fn cancel(&self, client_id: &str) -> R {
                    self.get(&dbg!(format!("/orders/by_client_id/{}", client_id)), None).await
                }
            }"#,
            &[
                "GET /wallet/deposit_address/{coin} [self.base] ?method in deposit_address via get",
                "GET /orders/by_client_id/{client_id} [self.base] in cancel via get",
            ],
        ),
        // bitfinex: a signed wrapper given a word, and a wrapper of it that passes its
        // `request` parameter on, itself given words and paths by `self.orders(..)`
        (
            r#"static API1_HOST: &'static str = "https://api.bitfinex.com/v2/";
            impl Client {
                pub fn post_signed(&self, request: String, payload: String) -> Result<String> {
                    let url: String = format!("{}auth/r/{}", API1_HOST, request);
                    let response = reqwest::Client::new().post(url.as_str()).body(payload).send()?;
                    self.handler(response)
                }
            }
            impl Orders {
                pub fn wallets(&self) -> R { self.client.post_signed("wallets".into(), payload) }
                pub fn active_orders(&self) -> R { self.orders("orders".to_owned(), payload) }
                pub fn history(&self, symbol: String) -> R {
                    let request: String = format!("orders/t{}/hist", symbol);
                    self.orders(request, payload)
                }
                pub fn orders<S>(&self, request: S, payload: S) -> R where S: Into<String> {
                    self.client.post_signed(request.into(), payload.into())
                }
            }"#,
            &[
                "POST /v2/auth/r/wallets [https://api.bitfinex.com] body=raw in wallets via post_signed",
                "POST /v2/auth/r/orders [https://api.bitfinex.com] body=raw in active_orders via orders>post_signed",
                "POST /v2/auth/r/orders/t{symbol}/hist [https://api.bitfinex.com] body=raw in history via orders>post_signed",
            ],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// The `url` crate, `http` builders, and methods given as values.
#[test]
fn urls_builders_and_method_values() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"fn f(c: &C, id: &str) { let mut url = Url::parse(&c.base).unwrap(); url.path_segments_mut().unwrap().push("users").push(id); c.http.get(url).send(); }"#,
            &["GET /users/{id} [c.base] in f"],
        ),
        (
            r#"fn f(c: &C, q: &str) { let mut url = c.base.join("search").unwrap(); url.query_pairs_mut().append_pair("q", q).append_pair("n", "1"); c.http.get(url).send(); }"#,
            &["GET /search [c.base] ?q,n in f"],
        ),
        // a runtime segment joined to a known URL; but not the parts of some list
        (
            r#"fn f(c: &C, name: &str, parts: Vec<String>, sep: &str) { let url = c.base.join("crates/").unwrap().join(name).unwrap(); c.http.get(url).send(); c.http.get(parts.join(sep)).send(); }"#,
            &["GET /crates/{name} [c.base] in f", "GET unresolved in f"],
        ),
        (
            r#"fn f() { let base = Url::parse("https://api.example.com/v2/").unwrap(); let url = base.join("users/me").unwrap(); reqwest::blocking::get(url); }"#,
            &["GET /v2/users/me [https://api.example.com] in f"],
        ),
        (
            r#"fn f(c: &C, id: u32) { let req = http::Request::builder().method(Method::PUT).uri(format!("{}/items/{}", c.base, id)).body(()).unwrap(); }"#,
            &["PUT /items/{id} [c.base] in f"],
        ),
        (
            r#"fn f(c: &C) { let req = Request::post(format!("{}/items", c.base)).body(()); }"#,
            &["POST /items [c.base] in f"],
        ),
        (
            r#"fn f(agent: &ureq::Agent, base: &str) { agent.request("PATCH", &format!("{}/items", base)).call(); }"#,
            &["PATCH /items [base] in f"],
        ),
        (
            r#"fn f(c: &C) { c.client.request(Method::from_bytes(b"DELETE").unwrap(), format!("{}/items", c.base)).send(); }"#,
            &["DELETE /items [c.base] in f"],
        ),
        (
            r#"fn f(agent: &ureq::Agent) { agent.post("https://api.example.com/v1/items").send_json(json!({"name": "x"})); }"#,
            &["POST /v1/items [https://api.example.com] body=json{name} in f"],
        ),
        (
            r#"async fn f() { surf::get("https://api.example.com/health").await; isahc::get("https://api.example.com/ping"); }"#,
            &[
                "GET /health [https://api.example.com] in f",
                "GET /ping [https://api.example.com] in f",
            ],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// Cases found in review: what must not happen when calls are linked through the crate.
#[test]
fn linking_edge_cases() {
    let cases: &[(&str, &[&str])] = &[
        // a map's `.get` is not the crate's `get` wrapper
        (
            r#"impl Api {
                fn get(&self, path: &str) -> R { self.http.get(format!("{}{}", self.base, path)).send() }
                fn me(&self) -> R { self.get("/me") }
            }
            impl Settings {
                fn lookup(&self, key: &str) -> Option<&String> { self.values.get(key) }
                fn user_setting(&self, id: &str) -> Option<&String> { self.lookup(&format!("users/{id}/theme")) }
            }"#,
            &["GET /me [self.base] in me via get"],
        ),
        // mutual and self recursion: each call once
        (
            r#"impl Api {
                fn a(&self, p: &str, n: u32) -> R { if n > 0 { return self.b(p, n - 1); } self.http.get(format!("{}{}", self.base, p)).send() }
                fn b(&self, p: &str, n: u32) -> R { self.a(p, n) }
                fn top(&self) -> R { self.b("/x", 3) }
                fn rec(&self, p: &str) -> R { self.http.get(format!("{}{}", self.base, p)).send(); self.rec(&format!("{}/next", p)) }
                fn t3(&self) -> R { self.rec("/z") }
            }"#,
            &[
                "GET /x [self.base] in top via b>a",
                "GET /z [self.base] in t3 via rec",
            ],
        ),
        // a helper calling itself ends
        (
            r#"impl Api {
                fn url(&self, p: &str) -> String { format!("{}{}{}", self.url(p), self.url(p), self.url(p)) }
                fn h(&self) -> R { self.http.get(self.url("/x")).send() }
            }"#,
            &["GET unresolved in h"],
        ),
        // parameters inside nested calls of a helper are the helper's
        (
            r#"impl Api {
                fn url(&self, p: &str) -> String { format!("{}/api/{}", self.base, urlencoding::encode(p)) }
                fn get(&self, id: &str, path: &str) -> R { self.http.get(self.url(path)).send() }
                fn caller(&self) -> R { self.get("/one", "two/three") }
            }"#,
            &["GET /api/two/three [self.base] in caller via get"],
        ),
        // a value glued to an absolute base may be the whole path
        (
            r#"impl Api { fn get(&self, path: &str) -> R { self.http.get(format!("https://api.example.com{}", path)).send() } }"#,
            &["GET unresolved in get"],
        ),
        // a catch-all arm serves the methods no arm names
        (
            r#"impl Api {
                fn send(&self, m: Method, path: &str) -> R {
                    let url = format!("{}{}", self.base, path);
                    match m {
                        Method::GET => self.http.get(&url).send(),
                        Method::POST => self.http.post(&url).send(),
                        _ => self.http.request(m, &url).send(),
                    }
                }
                fn del(&self) -> R { self.send(Method::DELETE, "/items/1") }
            }"#,
            &["DELETE /items/1 [self.base] in del via send"],
        ),
        // the same request in two branches is one call
        (
            r#"impl Api {
                fn get(&self, path: &str) -> R {
                    let url = format!("{}{}", self.base, path);
                    match &self.token { Some(t) => self.http.get(&url).bearer_auth(t).send(), None => self.http.get(&url).send() }
                }
                fn users(&self) -> R { self.get("/users") }
            }"#,
            &["GET /users [self.base] in users via get"],
        ),
        // trait default methods, and `Self::f` preferring the impl's own fn
        (
            r#"pub trait Transport { fn get(&self, path: &str) -> R { self.http().get(format!("{}{}", self.base(), path)).send() } }
            impl Api {
                fn users(&self) -> R { self.get("/users") }
                fn url(p: &str) -> String { format!("/api{}", p) }
                fn wrap(&self, path: &str) -> R { self.http.get(format!("{}{}", self.base, Self::url(path))).send() }
                fn items(&self) -> R { self.wrap("/items") }
            }
            fn url(p: &str) -> String { format!("/other{}", p) }"#,
            &[
                "GET /users [self.base()] in users via get",
                "GET /api/items [self.base] in items via wrap",
            ],
        ),
        // two endpoint types of the same name in two modules
        (
            r#"mod zones { impl Endpoint for List { fn method(&self) -> Method { Method::Get } fn path(&self) -> String { "zones".into() } } }
            mod records { impl Endpoint for List { fn method(&self) -> Method { Method::Post } fn path(&self) -> String { "records".into() } } }"#,
            &["GET /zones in List", "POST /records in List"],
        ),
        // same-named consts with different values: which one is meant is not known
        (
            r#"mod x { const ROOT: &str = "/x"; fn g(c: &C) -> R { c.http.get(format!("{}{}", c.base, ROOT)).send() } }
            mod y { const ROOT: &str = "/y"; }"#,
            &["GET unresolved in g"],
        ),
        // ten layers of wrappers
        (
            r#"impl Api {
                fn w0(&self, p: &str) -> R { self.http.get(format!("{}{}", self.base, p)).send() }
                fn w1(&self, p: &str) -> R { self.w0(p) } fn w2(&self, p: &str) -> R { self.w1(p) }
                fn w3(&self, p: &str) -> R { self.w2(p) } fn w4(&self, p: &str) -> R { self.w3(p) }
                fn w5(&self, p: &str) -> R { self.w4(p) } fn w6(&self, p: &str) -> R { self.w5(p) }
                fn w7(&self, p: &str) -> R { self.w6(p) } fn w8(&self, p: &str) -> R { self.w7(p) }
                fn w9(&self, p: &str) -> R { self.w8(p) }
                fn top(&self) -> R { self.w9("/deep") }
            }"#,
            &["GET /deep [self.base] in top via w9>w8>w7>w6>w5>w4>w3>w2>w1>w0"],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// Calls in test code are found, and marked: reports keep them apart from the client's.
#[test]
fn test_code_is_marked() {
    let src = r#"
        const BASE: &str = "https://api.example.com";
        fn real(c: &C) { c.http.get(format!("{BASE}/users")).send(); }
        #[cfg(test)]
        mod tests {
            const BASE: &str = "http://localhost:1234";
            #[test]
            fn mocked() { let c = C::new(); c.http.get(format!("{}/users", mock_url())).send(); }
        }
        #[tokio::test]
        async fn also_a_test() { reqwest::get("http://localhost/health").await; }
        #[cfg(all(test, feature = "live"))]
        fn live(c: &C) { c.http.get("http://localhost/live").send(); }
        #[cfg(any(test, feature = "mock"))]
        fn maybe(c: &C) { c.http.get("http://localhost/maybe").send(); }
        #[cfg(test)]
        impl Fake { fn fake(&self) { self.http.get("http://localhost/fake").send(); } }
    "#;
    let calls = extract_from_str(src, "case.rs").expect("parses");
    let marks: Vec<(String, bool)> = calls
        .iter()
        .map(|c| (c.function.clone(), c.in_test))
        .collect();
    assert_eq!(
        marks,
        vec![
            ("real".to_string(), false),
            ("mocked".to_string(), true),
            ("also_a_test".to_string(), true),
            ("live".to_string(), true),
            // Compiled with the `mock` feature too: not only test code.
            ("maybe".to_string(), false),
            ("fake".to_string(), true),
        ]
    );
    // The test module's `BASE` does not make the client's ambiguous.
    assert_eq!(
        describe(src),
        vec![
            "GET /users [https://api.example.com] in real".to_string(),
            "GET /maybe [http://localhost] in maybe".to_string(),
        ]
    );
}

/// A route table: an enum of routes, `match self` giving each one's path.
#[test]
fn route_tables() {
    let src = r#"
        pub enum Route { Users, User(String), Posts { user: String, page: u32 } }
        impl Route {
            fn path(&self) -> String {
                match self {
                    Route::Users => "/users".into(),
                    Route::User(id) => format!("/users/{id}"),
                    Route::Posts { user, .. } => format!("/users/{}/posts", user),
                }
            }
        }
        impl Api {
            fn send(&self, method: Method, route: Route) -> R {
                self.http.request(method, format!("{}{}", self.base, route.path())).send()
            }
            fn users(&self) -> R { self.send(Method::GET, Route::Users) }
            fn user(&self, id: &str) -> R { self.send(Method::GET, Route::User(id.into())) }
            fn posts(&self, name: &str) -> R { self.send(Method::GET, Route::Posts { user: name.into(), page: 1 }) }
            fn delete(&self, id: &str) -> R { self.send(Method::DELETE, Route::User(id.to_string())) }
        }
    "#;
    assert_eq!(
        describe(src),
        vec![
            "GET /users [self.base] in users via send",
            "GET /users/{id} [self.base] in user via send",
            "GET /users/{name}/posts [self.base] in posts via send",
            "DELETE /users/{id} [self.base] in delete via send",
        ]
    );
}

/// A route table's variant used where it is written, or through a local.
#[test]
fn route_tables_used_directly() {
    let src = r#"
        enum Route { Users, User(u32) }
        impl Route {
            fn path(&self) -> String {
                match self {
                    Route::Users => "/users".to_string(),
                    Route::User(id) => format!("/users/{id}"),
                }
            }
        }
        fn f(c: &C, id: u32, other: &Other) {
            c.http.get(format!("{}{}", c.base, Route::Users.path())).send();
            c.http.delete(format!("{}{}", c.base, Route::User(id).path())).send();
            let r = Route::User(id);
            c.http.get(format!("{}{}", c.base, r.path())).send();
            c.http.get(format!("{}{}", c.base, other.path())).send();
        }
    "#;
    assert_eq!(
        describe(src),
        vec![
            "GET /users [c.base] in f",
            "DELETE /users/{id} [c.base] in f",
            "GET /users/{id} [c.base] in f",
            "GET unresolved in f",
        ]
    );
}

/// Two route enums with a variant of the same name: each call takes its own enum's path.
#[test]
fn route_tables_of_two_enums_sharing_a_variant_name() {
    let src = r#"
        pub enum UserRoute { List, One(String) }
        pub enum PostRoute { List, One(String) }
        impl UserRoute {
            fn path(&self) -> String {
                match self { UserRoute::List => "/users".into(), UserRoute::One(id) => format!("/users/{id}") }
            }
        }
        impl PostRoute {
            fn path(&self) -> String {
                match self { PostRoute::List => "/posts".into(), PostRoute::One(id) => format!("/posts/{id}") }
            }
        }
        impl Api {
            fn get_user(&self, route: UserRoute) -> R { self.http.get(format!("{}{}", self.base, route.path())).send() }
            fn get_post(&self, route: PostRoute) -> R { self.http.get(format!("{}{}", self.base, route.path())).send() }
            fn users(&self) -> R { self.get_user(UserRoute::List) }
            fn posts(&self) -> R { self.get_post(PostRoute::List) }
            fn post(&self, id: &str) -> R { self.get_post(PostRoute::One(id.into())) }
        }
    "#;
    assert_eq!(
        describe(src),
        vec![
            "GET /users [self.base] in users via get_user",
            "GET /posts [self.base] in posts via get_post",
            "GET /posts/{id} [self.base] in post via get_post",
        ]
    );
}

/// A variant whose path depends on a guard is not guessed; one whose arms agree is.
#[test]
fn route_tables_with_guarded_arms() {
    let src = r#"
        pub enum Route { User(String), Me, Users }
        impl Route {
            fn path(&self) -> String {
                match self {
                    Route::User(id) if id == "me" => "/me".into(),
                    Route::User(id) => format!("/users/{id}"),
                    Route::Me | Route::Users if true => "/users".into(),
                    Route::Me | Route::Users => "/users".into(),
                }
            }
        }
        impl Api {
            fn send(&self, route: Route) -> R { self.http.get(format!("{}{}", self.base, route.path())).send() }
            fn user(&self, id: &str) -> R { self.send(Route::User(id.into())) }
            fn users(&self) -> R { self.send(Route::Users) }
        }
    "#;
    assert_eq!(
        describe(src),
        vec![
            "GET unresolved in user via send",
            "GET /users [self.base] in users via send",
        ]
    );
}

/// An endpoint type's request is built elsewhere: its query is not known to be empty, so no
/// required query parameter may be said to be missing.
#[test]
fn endpoint_types_do_not_claim_an_empty_query() {
    let src = r#"impl Endpoint for List { fn method(&self) -> Method { Method::Get } fn path(&self) -> String { "zones".into() } }"#;
    let calls = extract_from_str(src, "case.rs").expect("parses");
    assert_eq!(calls.len(), 1);
    assert!(calls[0].query_opaque);
    assert!(calls[0].headers_opaque);
}

/// A `macro_rules!` URL builder of another file of the crate is expanded where it is used;
/// nothing of its value points into the calling file (no fix may rewrite it there).
#[test]
fn macros_of_other_files() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().to_path_buf();
    common::write_file(
        &dir,
        "src/lib.rs",
        r#"#[macro_use]
mod macros {
    macro_rules! api_url { ($($arg:tt)*) => { format!("{}/api/v1{}", BASE, format!($($arg)*)) }; }
    macro_rules! twice { ($id:expr) => { format!("/a/{}", $id) }; }
}
mod other { macro_rules! twice { ($id:expr) => { format!("/b/{}", $id) }; } }
const BASE: &str = "https://api.example.com";
mod api;
"#,
    );
    common::write_file(
        &dir,
        "src/api/mod.rs",
        "pub fn user(c: &C, id: &str) { c.http.get(api_url!(\"/users/{}\", id)).send(); }\n\
         pub fn ambiguous(c: &C, id: &str) { c.http.get(format!(\"{}{}\", c.base, twice!(id))).send(); }\n",
    );
    let scan = scan_crate(&dir);
    let described: Vec<String> = scan
        .calls
        .iter()
        .map(|call| match CallUrl::split(&call.url) {
            Ok(url) if call.note.is_none() => {
                format!("{} {} {}", call.method, url.path(), call.file)
            }
            _ => format!("{} unresolved {}", call.method, call.file),
        })
        .collect();
    assert_eq!(
        described,
        [
            "GET /api/v1/users/{id} src/api/mod.rs",
            // defined twice in the crate: which one the call sees is not guessed
            "GET unresolved src/api/mod.rs",
        ]
    );
    assert!(scan.calls[0].url.literal.is_none());
}

/// Items written by a macro of the crate (another file's): a request builder generated per
/// call of the macro (nested and optional repetitions, literal tokens), methods generated in
/// an `impl`, and an endpoint enum mapping variants to paths. Each request is reported where
/// the macro call gives its arguments, and nothing the macro's own text wrote can be fixed.
#[test]
fn items_written_by_macros_of_the_crate() {
    let scan = scan_sources(&[
        (
            "src/macros.rs",
            r#"macro_rules! request_builder {
    (
        name = $name:ident,
        method = $method:expr,
        $( uri = $uri:expr, )?
        fields = { $( $(#[$attr:meta])* $field:ident : $ty:ty $( => . $conv:ident() )? ),* $(,)? } $(,)?
    ) => {
        #[derive(serde::Serialize)]
        pub struct $name<'c> {
            #[serde(skip)]
            client: &'c Client,
            $( $(#[$attr])* $field: $ty, )*
        }
        impl<'c> $name<'c> {
            pub async fn send(self) -> Result<()> {
                self.client.request_with_body($method, $( $uri )?, Some(self)).await
            }
        }
    };
}
macro_rules! streamed {
    { $( $(#[$a:meta])* fn $func:ident($path:literal, $req:ty) -> $res:ty );* $(;)? } => {
        $(
            $(#[$a])*
            pub async fn $func(&self, request: &$req) -> Result<$res, Error> {
                let res = self.client.post(self.host.join($path)?).json(request).send().await?;
                Ok(res.json().await?)
            }
        )*
    };
}
macro_rules! endpoints {
    ($($variant:ident => $path:literal),* $(,)?) => {
        pub enum Endpoint { $($variant),* }
        impl Endpoint {
            pub fn path(&self) -> &'static str { match self { $(Endpoint::$variant => $path),* } }
        }
    };
}
"#,
        ),
        (
            "src/lib.rs",
            r#"#[macro_use]
mod macros;
pub struct Client { http: reqwest::Client, base: String }
impl Client {
    async fn request_with_body<B: serde::Serialize>(&self, method: reqwest::Method, path: &str, body: Option<B>) -> Result<()> {
        self.http.request(method, format!("{}{}", self.base, path)).json(&body).send().await?;
        Ok(())
    }
    fn repos(&self) { self.http.get(format!("{}{}", self.base, Endpoint::Repos.path())).send(); }
}
request_builder! {
    name = MessageBuilder,
    method = reqwest::Method::POST,
    uri = "/message",
    fields = {
        #[serde(rename = "title")]
        title: String,
        priority: u8 => .into(),
    }
}
pub struct Ollama { client: reqwest::Client, host: url::Url }
impl Ollama {
    streamed! {
        /// Generate a completion.
        fn generate("api/generate", GenerateRequest) -> GenerateResponse;
        fn chat("api/chat", ChatRequest) -> ChatResponse;
    }
}
endpoints! {
    Users => "/users",
    Repos => "/repos",
}
"#,
        ),
    ]);
    let described: Vec<String> = scan
        .calls
        .iter()
        .map(|call| match CallUrl::split(&call.url) {
            Ok(url) => format!(
                "{} {} [{}] {}:{} in {}",
                call.method,
                url.path(),
                url.base.as_deref().unwrap_or(""),
                call.file,
                call.line,
                call.function
            ),
            Err(_) => format!("{} unresolved {}:{}", call.method, call.file, call.line),
        })
        .collect();
    assert_eq!(
        described,
        [
            "GET /repos [self.base] src/lib.rs:9 in repos",
            // each at its own line, the base read as the macro wrote it
            "POST /api/generate [self.host] src/lib.rs:25 in generate",
            "POST /api/chat [self.host] src/lib.rs:26 in chat",
            // at `method = reqwest::Method::POST,`, the first argument the call gives
            "POST /message [self.base] src/lib.rs:13 in send",
        ]
    );
    // The verb `post` is the macro's: no edit can point at it.
    for call in &scan.calls[1..3] {
        let site = call.method_site.as_ref().expect("a verb site");
        assert!(site.range.is_empty(), "{call:?}");
    }
}

/// Consts made of other consts (const_format's `concatcp!` and `formatcp!`, an alias), a
/// template const of another file filled in by hand (`.replace("{id}", ..)`), a const of
/// another file joined to a base, and an `expect` that logs.
#[test]
fn consts_made_of_consts_and_templates_filled_by_hand() {
    let scan = scan_sources(&[
        (
            "src/consts.rs",
            r#"use const_format::{concatcp, formatcp};
const BASE_API_PATH: &str = "/api";
pub(crate) const STACKS: &str = concatcp!(BASE_API_PATH, "/stacks");
pub(crate) const STACK: &str = concatcp!(STACKS, "/{id}");
pub(crate) const STACK_REMOVE: &str = STACK;
pub(crate) const VERSIONED: &str = formatcp!("{BASE_API_PATH}/v{}/teams", 2);
"#,
        ),
        (
            "src/lib.rs",
            r#"mod consts;
fn construct_url(base_url: &str, endpoint: &str) -> Result<Url, String> {
    let url = Url::parse(base_url).map_err(|_| "invalid base URL".to_string())?;
    url.join(endpoint).map_err(|_| "invalid endpoint path".to_string())
}
pub fn list(client: &reqwest::blocking::Client, base_url: &str) {
    let url = construct_url(base_url, consts::STACKS).log_expect("failed to construct url");
    client.get(url).send();
}
pub fn remove(client: &reqwest::blocking::Client, base_url: &str, stack_id: u32) {
    let url = construct_url(base_url, consts::STACK_REMOVE.replace("{id}", stack_id.to_string().as_str()).as_str())
        .log_expect("failed to construct url");
    client.delete(url).send();
}
pub fn teams(client: &reqwest::blocking::Client, base_url: &str) {
    client.get(construct_url(base_url, consts::VERSIONED).unwrap()).send();
}
impl Database {
    pub async fn create(&self, collection: &str) -> Result<()> {
        let mut url = self
            .base_url
            .join(STACKS)
            .unwrap();
        url.set_query(Some(&format!("collection={}", collection)));
        let resp = self.session.post(url, "").await?;
        Ok(())
    }
}
"#,
        ),
    ]);
    let described: Vec<String> = scan
        .calls
        .iter()
        .map(|call| match CallUrl::split(&call.url) {
            Ok(url) if call.note.is_none() => format!(
                "{} {} [{}] in {}",
                call.method,
                url.path(),
                url.base.as_deref().unwrap_or_default(),
                call.function
            ),
            _ => format!("{} unresolved in {}", call.method, call.function),
        })
        .collect();
    assert_eq!(
        described,
        [
            "GET /api/stacks [base_url] in list",
            "DELETE /api/stacks/{stack_id} [base_url] in remove",
            "GET /api/v2/teams [base_url] in teams",
            // a const of another file joined to a base written over three lines
            "POST /api/stacks [self.base_url] in create",
        ]
    );
}

/// A macro of another crate (http-endpoint's `Endpoint!`) that declares a type and writes
/// its `fn method()` and `fn path(input)`: an endpoint type, reported where its path is.
#[test]
fn endpoint_methods_written_in_a_macro_of_another_crate() {
    let src = r#"Endpoint! {
  /// The representation of a PATCH request to the /v2/account/configurations endpoint.
  pub Patch(Configuration),
  Ok => Configuration, [
    /* 200 */ OK,
  ],
  Err => PatchError, []

  #[inline]
  fn method() -> Method {
    Method::PATCH
  }

  #[inline]
  fn path(_input: &Self::Input) -> Str {
    "/v2/account/configurations".into()
  }
}
Endpoint! {
  pub Delete(Symbol),
  Ok => (), [],
  Err => DeleteError, []

  fn method() -> Method { Method::DELETE }
  fn path(input: &Self::Input) -> Str { format!("/v2/positions/{}", input).into() }
}"#;
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    let described: Vec<String> = calls
        .iter()
        .map(|call| {
            let url = CallUrl::split(&call.url).expect("resolved");
            format!(
                "{} {} at {} in {}",
                call.method,
                url.path(),
                call.line,
                call.function
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            "PATCH /v2/account/configurations at 16 in Patch",
            "DELETE /v2/positions/{input} at 25 in Delete",
        ]
    );
}

/// Cases a review of the macro expansion and of this session's styles found (each a false
/// request, a lost one, a wrong path, or a run that did not end).
#[test]
fn review_cases_of_expansions_and_styles() {
    let cases: &[(&str, &[&str])] = &[
        // one macro writing three methods that call a wrapper: three requests, not one
        (
            r#"pub struct Api { client: reqwest::blocking::Client, base: String }
impl Api {
    fn fetch(&self, path: &str) -> reqwest::Result<String> {
        self.client.get(format!("{}{}", self.base, path)).send()?.text()
    }
}
macro_rules! endpoints {
    ($($name:ident => $path:literal),* $(,)?) => {
        $( pub fn $name(&self) -> reqwest::Result<String> { self.fetch($path) } )*
    };
}
impl Api {
    endpoints! {
        users => "/users",
        orgs => "/orgs",
        teams => "/teams",
    }
}"#,
            &[
                "GET /users [self.base] in users via fetch",
                "GET /orgs [self.base] in orgs via fetch",
                "GET /teams [self.base] in teams via fetch",
            ],
        ),
        // a getter a macro writes on a map field, in a type that also holds a client: no request
        (
            r#"use std::collections::HashMap;
macro_rules! getter {
    ($name:ident, $map:ident, $key:literal) => {
        pub fn $name(&self) -> Option<&String> {
            self.$map.get($key)
        }
    };
}
pub struct Settings { values: HashMap<String, String>, http_client: reqwest::Client }
impl Settings {
    getter!(theme, values, "theme");
}"#,
            &[],
        ),
        // fields of types of an HTTP crate that are no client (a header map, a map or a list of clients)
        (
            r#"use std::collections::HashMap;
pub struct Api {
    headers: reqwest::header::HeaderMap,
    pool: HashMap<String, reqwest::Client>,
    done: Vec<reqwest::Response>,
    url: reqwest::Url,
}
impl Api {
    pub fn token(&self) -> Option<String> {
        let t = self.headers.get("Authorization")?;
        Some(t.to_str().ok()?.to_string())
    }
    pub fn pick(&self, name: &str) -> Option<&reqwest::Client> {
        self.pool.get(name)
    }
    pub fn first(&self) -> Option<&reqwest::Response> {
        self.done.get(0)
    }
}"#,
            &[],
        ),
        // `request_duration(Method::GET, ..)` and `request_handler(Method::POST, ..)` are no requests
        (
            r#"use http::Method;
pub struct Metrics;
pub fn observe(metrics: &Metrics, elapsed: u64) {
    metrics.request_duration(Method::GET, elapsed);
}
pub fn route(router: &mut Router) {
    router.request_handler(Method::POST, "/webhooks", handle);
}
pub fn count(stats: &Stats) {
    stats.request_count(Method::DELETE, "/users/{id}");
}"#,
            &["DELETE /users/{id} in count via request_count (unseen)"],
        ),
        // an optional segment is no optional query: not the shorter path alone; with no
        // caller to say which, the fuller one (see `an_option_no_caller_decides`)
        (
            r#"pub struct Api { client: reqwest::Client, base: String }
impl Api {
    pub async fn b(&self, param_id: Option<u32>) {
        let url = format!("{}/users", self.base);
        self.client.delete(match param_id {
            Some(id) => format!("{}/{}", url, id),
            None => url,
        }).send().await;
    }
}"#,
            &["DELETE /users/{id} [self.base] in b"],
        ),
        // a tt-muncher writing ten endpoints, one per level of recursion: all ten (the
        // depth allowed is the compiler's order of magnitude, not 8)
        (
            r#"macro_rules! eps {
    () => {};
    ($n:ident $p:literal; $($rest:tt)*) => {
        pub fn $n(&self) { self.client.get($p); }
        eps!($($rest)*);
    };
}
pub struct Api { client: reqwest::blocking::Client }
impl Api {
    eps! {
        e1 "https://x.com/1"; e2 "https://x.com/2"; e3 "https://x.com/3"; e4 "https://x.com/4";
        e5 "https://x.com/5"; e6 "https://x.com/6"; e7 "https://x.com/7"; e8 "https://x.com/8";
        e9 "https://x.com/9"; e10 "https://x.com/10";
    }
}"#,
            &[
                "GET /1 [https://x.com] in e1",
                "GET /2 [https://x.com] in e2",
                "GET /3 [https://x.com] in e3",
                "GET /4 [https://x.com] in e4",
                "GET /5 [https://x.com] in e5",
                "GET /6 [https://x.com] in e6",
                "GET /7 [https://x.com] in e7",
                "GET /8 [https://x.com] in e8",
                "GET /9 [https://x.com] in e9",
                "GET /10 [https://x.com] in e10",
            ],
        ),
        // a macro that calls itself six times at each level: the file's expansion budget
        // ends it (this case shows only that the run ends; without the budget it takes
        // minutes and gigabytes)
        (
            r#"macro_rules! rec {
    ($($t:tt)*) => { rec!($($t)* x); rec!($($t)* y); rec!($($t)* z); rec!($($t)* w); rec!($($t)* v); rec!($($t)* u);};
}
rec!(a);
pub fn f(c: &reqwest::Client) { c.get("/a"); }"#,
            &["GET /a in f via get (unseen)"],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
    // A verb the call passes to a macro (`$verb`, also the name of the method it writes) is
    // never edited: its place lies past the end of the file.
    let src = r#"macro_rules! m {
    ($verb:ident, $path:literal) => {
        pub fn $verb(&self) -> reqwest::Result<String> {
            self.client.$verb($path).send()?.text()
        }
    };
}
pub struct Api { client: reqwest::blocking::Client }
impl Api {
    m!(delete, "https://x.com/orgs");
}"#;
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    let site = calls[0].method_site.as_ref().expect("a verb site");
    assert!(site.range.start > src.len(), "{site:?}");
}

/// An API group's own `Client` (made by a macro out of sight) holding the crate's `Client`:
/// `self.api_client.get(..)` calls the crate's wrapper, not a method of the group's type.
#[test]
fn two_types_of_one_name_in_two_files() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    common::write_file(
        dir,
        "src/lib.rs",
        r#"pub struct Client { base_url: String }
impl Client {
    fn v2(&self, path: String) -> String { format!("{}{}", self.base_url, path) }
    pub async fn get<T: Serialize>(&self, path: String, query: &T) -> Result<Option<String>> {
        self.send(reqwest::Client::new().get(self.v2(path)).query(query)).await
    }
}
"#,
    );
    common::write_file(
        dir,
        "src/api/task.rs",
        r#"crate::endpoint_group!();
impl Client<'_> {
    pub async fn get(&self, id: String) -> Result<Option<Task>> {
        self.api_client.get(format!("/tasks/{}", id), &EmptyQuery {}).await
    }
}
"#,
    );
    let scan = scan_crate(dir);
    let described: Vec<String> = scan
        .calls
        .iter()
        .map(|call| match CallUrl::split(&call.url) {
            Ok(url) => format!("{} {} {}:{}", call.method, url.path(), call.file, call.line),
            Err(_) => format!("{} unresolved {}:{}", call.method, call.file, call.line),
        })
        .collect();
    assert_eq!(described, ["GET /tasks/{id} src/api/task.rs:4"]);
}

/// A route enum whose path comes from `impl From<&Route> for String` and whose method from a
/// `match self` method table, passed through three wrapper layers from a `let`.
#[test]
fn route_enums_with_a_method_table_and_a_from_conversion() {
    let src = r#"
        pub enum Endpoint { CreateUser, Groups, Alive }
        impl From<&Endpoint> for String {
            fn from(item: &Endpoint) -> Self {
                let version = "v1";
                match item {
                    Endpoint::CreateUser => {
                        format!("/brand/{}/users/create", version)
                    }
                    Endpoint::Groups => format!("/brand/{version}/groups"),
                    Endpoint::Alive => "/brand/alive".to_string(),
                }
            }
        }
        impl Endpoint {
            pub fn http_method(&self) -> Method {
                match &self {
                    Endpoint::CreateUser => Method::POST,
                    Endpoint::Groups | Endpoint::Alive => Method::GET,
                }
            }
        }
        impl Client {
            pub async fn create_user(&self, req: &CreateUser) -> R {
                let endpoint = Endpoint::CreateUser;
                self.send_deserialized(endpoint, Some(req)).await
            }
            pub async fn groups(&self) -> R { self.send(Endpoint::Groups, None::<&()>).await }
            async fn send_deserialized<T: Serialize>(&self, endpoint: Endpoint, req: Option<&T>) -> R {
                self.send(endpoint, req).await
            }
            async fn send<T: Serialize>(&self, endpoint: Endpoint, req: Option<&T>) -> R {
                let base_url = &self.config.api_url;
                let builder = self.builder(base_url, endpoint, req);
                builder.send().await
            }
            fn builder<T: Serialize>(&self, base_url: &str, endpoint: Endpoint, req: Option<&T>) -> RequestBuilder {
                let http_method = endpoint.http_method();
                let url = if http_method == Method::GET {
                    let query = serde_qs::to_string(&req).unwrap();
                    self.full_url(base_url, &endpoint, Some(query))
                } else {
                    self.full_url(base_url, &endpoint, None)
                };
                self.client.request(http_method, &url)
            }
            fn full_url(&self, base_url: &str, endpoint: &Endpoint, query: Option<String>) -> String {
                let path = String::from(endpoint);
                if let Some(query) = query { format!("{base_url}{path}?{query}") } else { format!("{base_url}{path}") }
            }
        }
    "#;
    assert_eq!(
        describe(src),
        vec![
            "POST /brand/v1/users/create [base_url] in create_user via send_deserialized>send>builder",
            "GET /brand/v1/groups [base_url] in groups via send>builder",
        ]
    );
}

/// Helpers that join the caller's path to the API's root, and request builders handed to a
/// function the crate does not show.
#[test]
fn join_helpers_and_builders_given_to_unseen_functions() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"impl Api {
                pub(crate) fn url(&self, url: impl AsRef<str>) -> Result<Url> { Ok(self.base_url.join(url.as_ref())?) }
                pub(crate) fn request(&self, method: Method, url: impl IntoUrl) -> RequestBuilder { self.client.request(method, url) }
                pub async fn delete_list(&self, id: u64) -> R { self.send(self.request(Method::DELETE, self.url(format!("lists/{id}"))?)).await }
                pub async fn list(&self, id: u64) -> R { self.client.get(self.url(&format!("lists/{id}"))?).send().await }
            }"#,
            &[
                "GET /lists/{id} [self.base_url] in list",
                "DELETE /lists/{id} [self.base_url] in delete_list via request",
            ],
        ),
        // bollard: the method is in a `Builder` argument of a fn defined out of sight
        (
            r#"impl Docker {
                pub async fn list_volumes(&self) -> Result<V> {
                    let url = "/volumes";
                    let req = self.build_request(url, Builder::new().method(Method::GET), None::<String>, Ok(empty()));
                    self.process_into_value(req).await
                }
                pub async fn remove_volume(&self, name: &str) -> Result<()> {
                    let url = format!("/volumes/{name}");
                    let req = self.build_request(&url, Builder::new().method(Method::DELETE), None::<String>, Ok(empty()));
                    self.process_into_unit(req).await
                }
            }"#,
            &[
                "GET /volumes in list_volumes via build_request (unseen)",
                "DELETE /volumes/{name} in remove_volume via build_request (unseen)",
            ],
        ),
        // a route written with its method for a builder: a client's template, `{app_id}` and all
        (
            r#"impl Endpoint {
                pub(crate) fn app_info(app_id: &str) -> Endpoint {
                    Self::builder("/apps/{app_id}", Method::GET).param("app_id", app_id).build()
                }
            }"#,
            &["GET /apps/{app_id} in app_info via builder (unseen)"],
        ),
        // route constructors sent by a wrapper that reads the description's fields: reported
        // where they are used (and no longer where they are defined)
        (
            r#"impl Endpoint {
                pub(crate) fn me() -> Endpoint { Self::builder("/users/me", Method::GET).build() }
                pub(crate) fn app_info(app_id: &str) -> Endpoint {
                    Self::builder("/apps/{app_id}", Method::DELETE).param("app_id", app_id).build()
                }
            }
            impl ApiClient {
                fn url(&self, path: &str) -> String {
                    format!("{}/{}", self.base_url.trim_end_matches('/'), path.trim_start_matches('/'))
                }
                pub async fn request_endpoint<T>(&self, endpoint: Endpoint) -> Result<T> {
                    self.http_client.request(endpoint.method, self.url(&endpoint.path)).send().await
                }
                pub async fn me(&self) -> R { self.request_endpoint::<Me>(Endpoint::me()).await }
                pub async fn remove(&self, id: &str) -> R { let endpoint = Endpoint::app_info(id); self.request_endpoint(endpoint).await }
            }"#,
            &[
                "GET /users/me [self.base_url] in me via request_endpoint",
                "DELETE /apps/{app_id} [self.base_url] in remove via request_endpoint",
            ],
        ),
        // a method of the route description itself builds the request from `self.path` and
        // `self.method`: called on a description bound by a `let`, or made in place
        (
            r#"pub struct Endpoint { pub path: String, pub method: Method }
            impl Endpoint {
                pub(crate) fn upload_app() -> Endpoint { Self::builder("/apps", Method::POST).build() }
                pub(crate) fn post_app_envs(app_id: &str) -> Endpoint {
                    Self::builder("/apps/{app_id}/envs", Method::PUT).param("app_id", app_id).build()
                }
                pub fn request_builder(&self, http_client: &Client, base_url: &str) -> RequestBuilder {
                    let url = format!("{}/{}", base_url.trim_end_matches('/'), self.path.trim_start_matches('/'));
                    http_client.request(self.method.clone(), url)
                }
            }
            impl ApiClient {
                pub async fn upload_app(&self, bytes: Vec<u8>) -> R {
                    let endpoint = Endpoint::upload_app();
                    let request = endpoint.request_builder(&self.http_client, &self.base_url).multipart(form(bytes)).build()?;
                    self.execute_request(request).await
                }
            }
            impl AppResource {
                pub async fn upsert_envs(&self, envs: &Envs) -> R {
                    let request = Endpoint::post_app_envs(&self.id)
                        .request_builder(&self.client.http_client, &self.client.base_url)
                        .json(&json!({"envs": envs}))
                        .build()?;
                    self.client.execute_request(request).await
                }
            }"#,
            &[
                "POST /apps [self.base_url] body=multipart in upload_app via request_builder",
                "PUT /apps/{app_id}/envs [self.client.base_url] body=json{envs} in upsert_envs via request_builder",
            ],
        ),
        // request builders named after their method, made with a URL (their `send` is made
        // by a macro); `Builder::new` and a type whose own `new` sends are not such
        (
            r#"impl<A> TwitterApi<A> {
                pub(crate) fn url(&self, url: impl AsRef<str>) -> Result<Url> { Ok(self.base_url.join(url.as_ref())?) }
                pub fn get_list(&self, id: u64) -> GetListsRequestBuilder<A, List, ()> {
                    GetListsRequestBuilder::new(self, self.url(format!("lists/{id}")).unwrap())
                }
                pub fn delete_tweet(&self, id: u64) -> DeleteTweetRequest { DeleteTweetRequest::new(self.url(format!("tweets/{id}")).unwrap(), self) }
                pub fn options(&self) -> GetOptions { GetOptions::new(self.url("lists").unwrap()) }
                pub fn sent_here(&self, id: u64) -> R { PostThingRequest::new(self, self.url(format!("things/{id}")).unwrap()) }
            }
            impl PostThingRequest {
                fn new(api: &Api, url: Url) -> R { api.client.put(url).send() }
            }"#,
            &[
                "GET /lists/{id} [self.base_url] in get_list via GetListsRequestBuilder::new",
                "DELETE /tweets/{id} [self.base_url] in delete_tweet via DeleteTweetRequest::new",
                "PUT /things/{id} [self.base_url] in sent_here via new",
            ],
        ),
        // a route constructor that adds an optional query in one arm of a `match`: one route
        (
            r#"impl Endpoint {
                pub(crate) fn list_all_snapshots(scope: Option<&str>) -> Endpoint {
                    match scope {
                        Some(s) => Self::builder(&format!("/users/snapshots?scope={s}"), Method::GET).build(),
                        None => Self::builder("/users/snapshots", Method::GET).build(),
                    }
                }
                pub(crate) fn either(old: bool) -> Endpoint {
                    match old {
                        true => Self::builder("/v1/things", Method::GET).build(),
                        false => Self::builder("/v2/things", Method::GET).build(),
                    }
                }
            }
            impl ApiClient {
                pub async fn request_endpoint<T>(&self, endpoint: Endpoint) -> Result<T> {
                    self.http_client.request(endpoint.method, format!("{}{}", self.base_url, endpoint.path)).send().await
                }
                pub async fn all_snapshots(&self, scope: Option<&str>) -> R { self.request_endpoint(Endpoint::list_all_snapshots(scope)).await }
                pub async fn things(&self) -> R { self.request_endpoint(Endpoint::either(true)).await }
            }"#,
            &[
                "GET /users/snapshots [self.base_url] ?scope in all_snapshots via request_endpoint",
                "? unresolved in things via request_endpoint",
                "GET /v1/things in either via builder (unseen)",
                "GET /v2/things in either via builder (unseen)",
            ],
        ),
        // requests inside the arguments of a macro (a timing/logging macro of the crate); a
        // thin wrapper passing an id on leaves the request where its template is; `{id}.json`
        // is one segment
        (
            r#"const PREFIX: &str = "https://hn.algolia.com/api/v1";
            const OFFICIAL: &str = "https://hacker-news.firebaseio.com/v0";
            macro_rules! log { ($e:expr, $desc:expr) => {{ let result = $e; info!("{}", $desc); result }}; }
            impl HNClient {
                pub fn item<T>(&self, id: u32) -> Result<T> {
                    let request_url = format!("{PREFIX}/items/{id}");
                    let item = log!(self.client.get(&request_url).call()?.into_json::<T>()?, format!("get {request_url}"));
                    Ok(item)
                }
                pub fn comments(&self, story_id: u32) -> Result<Vec<u32>> {
                    let request_url = format!("{OFFICIAL}/item/{story_id}.json");
                    Ok(log!(self.client.get(&request_url).call()?.into_json::<S>()?.kids, "kids"))
                }
                pub fn page(&self, story_id: u32) -> Result<String> {
                    Ok(self.client.get(&format!("{HOST}/item?id={story_id}")).call()?.into_string()?)
                }
                pub fn hidden_data(&self, story_id: u32) -> Result<D> {
                    let content = self.page(story_id)?;
                    let kids = self.comments(story_id)?;
                    Ok(D { content, kids })
                }
            }"#,
            &[
                "GET /api/v1/items/{id} [https://hn.algolia.com] in item",
                "GET /v0/item/{story_id}.json [https://hacker-news.firebaseio.com] in comments",
                "GET /item [HOST] ?id in page",
            ],
        ),
        // hyper 0.12: a request builder changed statement by statement, its URL a field named
        // like one plus the path; a wrapper of wrappers passing the path on; `self.client.request(req)`
        // in a type with its own `request` fn is the HTTP client's
        (
            r#"impl<A> Private<A> {
                fn request(&self, method: Method, _uri: &str, body_str: String) -> Request<Body> {
                    let uri: Uri = (self._pub.uri.to_string() + _uri).parse().unwrap();
                    let mut req = Request::builder();
                    req.method(&method);
                    req.uri(uri);
                    req.body(body_str.into()).unwrap()
                }
                fn call<U>(&self, method: Method, uri: &str, body_str: &str) -> A::Result {
                    self._pub.call(self.request(method, uri, body_str.to_string()))
                }
                fn call_get<U>(&self, uri: &str) -> A::Result { self.call(Method::GET, uri, "") }
                pub fn get_accounts(&self) -> A::Result { self.call_get("/accounts") }
                pub fn set_order(&self, order: &Order) -> A::Result { self.call(Method::POST, "/orders", &to_string(order)) }
            }
            impl<A> Public<A> {
                fn request(&self, uri: &str) -> Request<Body> {
                    let uri: Uri = (self.uri.to_string() + uri).parse().unwrap();
                    Request::get(uri).body(Body::empty()).unwrap()
                }
                fn call_future(&self, request: Request<Body>) -> F { self.client.request(request) }
                fn get_pub(&self, uri: &str) -> A::Result { self.call(self.request(uri)) }
                pub fn get_time(&self) -> A::Result { self.get_pub("/time") }
            }"#,
            &[
                "GET /accounts [self._pub.uri] in get_accounts via call_get>call>request",
                "POST /orders [self._pub.uri] in set_order via call>request",
                "GET /time [self.uri] in get_time via get_pub>request",
            ],
        ),
        // endpoint descriptions implemented type by type and sent by one generic wrapper that
        // asks its parameter for the path and the method (paypal-rs, the gitlab crate): one
        // request per type, where its path is written; a query made elsewhere appended
        // sometimes hides the query's keys but not the path
        (
            r#"pub trait Endpoint {
                fn relative_path(&self) -> Cow<str>;
                fn method(&self) -> reqwest::Method;
                fn query(&self) -> Option<Self::Query> { None }
            }
            impl PaypalEnv {
                pub fn make_url(&self, target: &str) -> String { format!("{}{}", LIVE_ENDPOINT, target) }
            }
            const LIVE_ENDPOINT: &str = "https://api-m.paypal.com";
            impl Client {
                pub async fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response> {
                    let mut url = self.env.make_url(&endpoint.relative_path());
                    if let Some(query) = endpoint.query() {
                        let query_string = serde_qs::to_string(&query).expect("serializes");
                        url.push_str(&query_string);
                    }
                    let request = self.client.request(endpoint.method(), url);
                    Ok(request.send().await?.json().await?)
                }
                pub fn execute_blocking<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response> {
                    let url = self.env.make_url(&endpoint.relative_path());
                    Ok(self.blocking_client.request(endpoint.method(), url).send()?.json()?)
                }
            }
            impl Endpoint for CreateOrder {
                fn relative_path(&self) -> Cow<str> { Cow::Borrowed("/v2/checkout/orders") }
                fn method(&self) -> reqwest::Method { reqwest::Method::POST }
            }
            impl Endpoint for ShowOrderDetails {
                fn relative_path(&self) -> Cow<str> { Cow::Owned(format!("/v2/checkout/orders/{}", self.order_id)) }
                fn method(&self) -> reqwest::Method { reqwest::Method::GET }
            }
            impl Endpoint for NoMethodHere {
                fn relative_path(&self) -> Cow<str> { Cow::Borrowed("/v2/nowhere") }
            }"#,
            &[
                "POST /v2/checkout/orders [https://api-m.paypal.com] in CreateOrder::relative_path via execute",
                "GET /v2/checkout/orders/{order_id} [https://api-m.paypal.com] in ShowOrderDetails::relative_path via execute",
            ],
        ),
        // a wrapper that slices the URL its helper built (`&get_url[..]`)
        (
            r#"pub fn build_oauth(dest: &str) -> String { format!("https://oauth.reddit.com/{}/.json", dest) }
            impl Me {
                async fn get(&self, url: &str) -> Result<Response> {
                    let get_url = build_oauth(url);
                    Ok(self.client.get(&get_url[..]).send().await?)
                }
                pub async fn me(&self) -> Result<MeData> { Ok(self.get("api/v1/me").await?.json().await?) }
            }"#,
            &["GET /api/v1/me/.json [https://oauth.reddit.com] in me via get"],
        ),
        // a table of paths kept as a struct of `&'static str` fields, filled in one
        // constructor, read as a field of a field; a `String` field is no such table
        (
            r#"pub struct VodUrls { pub assets: &'static str, pub import_asset: &'static str }
            pub struct Urls { pub vod: VodUrls, pub host: String }
            impl Urls {
                pub fn new() -> Self {
                    Urls { vod: VodUrls { assets: "/api/asset", import_asset: "/api/asset/import" }, host: "https://livepeer.studio".to_string() }
                }
            }
            impl Vod {
                pub fn assets(&self) -> R { surf::get(format!("{}{}", self.client.config.host, self.urls.vod.assets)).await }
                pub fn asset(&self, id: &str) -> R { surf::get(format!("{}{}/{}", self.client.config.host, self.urls.vod.assets, id)).await }
                pub fn import(&self) -> R { surf::post(format!("{}{}", self.client.config.host, self.urls.vod.import_asset)).await }
                pub fn host(&self) -> R { surf::get(format!("{}/x", self.urls.host)).await }
            }"#,
            &[
                "GET /api/asset [self.client.config.host] in assets",
                "GET /api/asset/{id} [self.client.config.host] in asset",
                "POST /api/asset/import [self.client.config.host] in import",
                "GET /x [self.urls.host] in host",
            ],
        ),
        // the same table filled in a trait impl's method (`impl Default`), whose consts are
        // the implementing type's own
        (
            r#"pub struct VodUrls { pub assets: &'static str }
            pub struct Urls { pub vod: VodUrls }
            impl Default for Urls {
                fn default() -> Self { Urls { vod: VodUrls { assets: "/api/asset" } } }
            }
            impl Vod {
                pub fn assets(&self) -> R { surf::get(format!("{}{}", self.client.config.host, self.urls.vod.assets)).await }
            }"#,
            &["GET /api/asset [self.client.config.host] in assets"],
        ),
        // a trait's default method sending through a method it only declares, with the URL
        // from a helper matched as `Ok(url)`; callers give API method names as fixed words
        (
            r#"pub trait Connector {
                fn http_post_uri(&self, full_uri: Url, body: &B) -> F;
                fn http_post(&self, method_relative_uri: &str, request: &B) -> F {
                    match self.create_method_uri_path(method_relative_uri) {
                        Ok(full_uri) => self.http_post_uri(full_uri, request),
                        Err(err) => fail(err),
                    }
                }
                fn create_method_uri_path(&self, method_relative_uri: &str) -> Result<Url> {
                    Ok(Uri::create_method_uri_path(method_relative_uri).parse()?)
                }
            }
            impl Uri {
                pub const API: &'static str = "https://slack.com/api";
                pub fn create_method_uri_path(method_relative_uri: &str) -> String { format!("{}/{}", Self::API, method_relative_uri) }
            }
            impl Session {
                pub async fn pins_add(&self, req: &R) -> Res { self.http_api.http_post("pins.add", req).await }
                pub async fn pins_remove(&self, req: &R) -> Res { self.http_api.http_post("pins.remove", req).await }
            }"#,
            &[
                "POST /api/pins.add [https://slack.com] in pins_add via http_post>http_post_uri (unseen)",
                "POST /api/pins.remove [https://slack.com] in pins_remove via http_post>http_post_uri (unseen)",
            ],
        ),
        // slack-morphism: a session type with wrappers of the same names as the connector
        // trait's, each passing its path on to the connector field (`self.client.connector`);
        // a GET whose URL comes through `.and_then(|url| with_params(url, params))` and a
        // `match full_uri { Ok(full_uri) => .. }` that reuses the name. The session's own
        // `http_post` is not what it calls (that would be itself).
        (
            r#"pub trait SlackConnector {
                fn http_get_uri(&self, full_uri: Url, context: Ctx) -> F;
                fn http_post_uri(&self, full_uri: Url, body: &B, context: Ctx) -> F;
                fn http_get(&self, method_relative_uri: &str, params: &P, context: Ctx) -> F {
                    let full_uri = self
                        .create_method_uri_path(method_relative_uri)
                        .and_then(|url| ApiUri::create_url_with_params(url, params));
                    match full_uri {
                        Ok(full_uri) => self.http_get_uri(full_uri, context),
                        Err(err) => fail(err),
                    }
                }
                fn http_post(&self, method_relative_uri: &str, request: &B, context: Ctx) -> F {
                    match self.create_method_uri_path(method_relative_uri) {
                        Ok(full_uri) => self.http_post_uri(full_uri, request, context),
                        Err(err) => fail(err),
                    }
                }
                fn create_method_uri_path(&self, method_relative_uri: &str) -> Result<Url> {
                    Ok(ApiUri::create_method_uri_path(method_relative_uri).parse()?)
                }
            }
            impl ApiUri {
                pub fn create_method_uri_path(method_relative_uri: &str) -> String { format!("https://slack.com/api/{}", method_relative_uri) }
                pub fn create_url_with_params(base_url: Url, params: &P) -> Result<Url> {
                    Ok(Url::parse_with_params(base_url.as_str(), pairs(params))?)
                }
            }
            impl SlackSessionApi {
                pub async fn http_get(&self, method_relative_uri: &str, params: &P, rate: Option<&Rc>) -> Res {
                    self.client.http_api.connector.http_get(method_relative_uri, params, self.context(rate)).await
                }
                pub async fn http_post(&self, method_relative_uri: &str, request: &B, rate: Option<&Rc>) -> Res {
                    self.client.http_api.connector.http_post(method_relative_uri, &request, self.context(rate)).await
                }
            }
            impl Session {
                pub async fn pins_list(&self, req: &R) -> Res { self.session_api.http_get("pins.list", &[("channel", Some(&req.channel))], None).await }
                pub async fn pins_add(&self, req: &R) -> Res { self.session_api.http_post("pins.add", req, None).await }
            }"#,
            &[
                "GET /api/pins.list [https://slack.com] in pins_list via http_get>http_get>http_get_uri (unseen)",
                "POST /api/pins.add [https://slack.com] in pins_add via http_post>http_post>http_post_uri (unseen)",
            ],
        ),
        // `String::from` of text is a conversion (a route table only for an enum value)
        (
            r#"impl C {
                async fn pets(&self) { self.client.get(String::from("https://api.example.com/pets")).send().await; }
                async fn get(&self, path: &str) { self.client.get(format!("{}{}", self.base, String::from(path))).send().await; }
                async fn mine(&self) { self.get("/pets/mine").await; }
                async fn users(&self) { self.client.get(format!("{}/{}", self.base, encode("users"))).send().await; }
            }"#,
            &[
                "GET /pets [https://api.example.com] in pets",
                "GET /users [self.base] in users",
                "GET /pets/mine [self.base] in mine via get",
            ],
        ),
        // the value of an environment variable is no path
        (
            r#"async fn fetch(http: &reqwest::Client) { let url = std::env::var("SANDBOX_URL").unwrap(); http.get(&url).send().await; }"#,
            &["GET unresolved in fetch"],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(&describe(src), expected, "{src}");
    }
}

#[test]
fn a_query_made_elsewhere_hides_its_keys_but_keeps_the_path() {
    let src = r#"impl C {
        async fn list(&self, query: Option<Q>) -> R {
            let mut url = format!("{}/v2/invoices", self.base);
            if let Some(query) = query {
                let query_string = serde_qs::to_string(&query).expect("serializes");
                url.push_str(&query_string);
            }
            self.client.get(url).send().await
        }
    }"#;
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    let [call] = calls.as_slice() else {
        panic!("one call expected, got {calls:?}");
    };
    let url = CallUrl::split(&call.url).expect("the URL splits");
    assert_eq!(url.path(), "/v2/invoices");
    assert!(url.query_keys_hidden, "the query's keys are not known");
}

#[test]
fn a_variant_bound_to_itself_ends() {
    // jsonschema 0.61: `let instance = LazyInstance::Ready(instance);` once recursed until the
    // stack overflowed and aborted the whole run.
    let src = r#"fn validate(instance: &Value) -> bool {
        let instance = LazyInstance::Ready(instance);
        let instance = LazyInstance::Ready(instance);
        check(&instance, "/x")
    }"#;
    let calls = extract_from_str(src, "case.rs").expect("snippet parses");
    assert!(calls.is_empty(), "no request here: {calls:?}");
}

#[test]
fn paths_set_on_a_url_blocks_and_unseen_url_builders() {
    let cases: &[(&str, &[&str])] = &[
        // `url.set_path(endpoint)` on a clone of the base, in a wrapper two layers deep
        (
            r#"impl Client {
                fn build_get_request(&self, endpoint: &str) -> RequestBuilder {
                    let mut url = self.url.clone();
                    url.set_path(endpoint);
                    reqwest::Client::new().get(url).bearer_auth(&self.token)
                }
                async fn get_request<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T> {
                    Ok(self.build_get_request(endpoint).send().await?.json().await?)
                }
                pub async fn config(&self) -> Result<Config> { self.get_request::<Config>("/api/config").await }
            }"#,
            &["GET /api/config [self.url] in config via get_request>build_get_request"],
        ),
        // a helper returning the base of its choice with the path set, given a relative path;
        // a query set from a string made elsewhere hides its keys
        (
            r#"enum UrlBase { Lichess, Tablebase }
            impl Inner {
                fn req_url(&self, url: UrlBase, path: &str) -> Url {
                    let mut base = match url {
                        UrlBase::Lichess => self.base_url.clone(),
                        UrlBase::Tablebase => self.tablebase_url.clone(),
                    };
                    base.set_path(path);
                    base
                }
            }
            impl Puzzles {
                async fn show(&self, id: &str) -> Result<Puzzle> {
                    let url = self.inner.req_url(UrlBase::Lichess, &format!("api/puzzle/{id}"));
                    self.inner.to_model(self.inner.client.get(url)).await
                }
                async fn status(&self, ids: &str, options: Option<&Options>) -> Result<Status> {
                    let mut url = self.base_url();
                    url.set_path("api/users/status");
                    if let Some(options) = options {
                        url.set_query(Some(&serde_urlencoded::to_string(options)?));
                    }
                    self.into(self.client.get(url).query(&[("ids", ids)])).await
                }
                async fn absolute(&self) -> Result<Status> {
                    let mut url = Url::parse("https://lichess.org/some/page")?;
                    url.set_path("/api/status");
                    self.into(self.client.get(url)).await
                }
            }"#,
            &[
                "GET /api/puzzle/{id} [base] in show",
                "GET /api/users/status [self.base_url()] ?ids in status",
                "GET /api/status [https://lichess.org] in absolute",
            ],
        ),
        // a block as a `let`'s value, its URL unwrapped by a `match` or `map_err(..)?`
        (
            r#"impl Client {
                async fn has_blob(&self, name: &str, digest: &str) -> Result<bool> {
                    let url = {
                        let ep = format!("{}/v2/{}/blobs/{}", self.base_url, name, digest);
                        match reqwest::Url::parse(&ep) {
                            Ok(url) => url,
                            Err(e) => return Err(Error::from(format!("bad url: {}", e))),
                        }
                    };
                    let res = self.build_reqwest(reqwest::Client::new().head(url)).send().await?;
                    Ok(res.status().is_success())
                }
                async fn get_blob(&self, name: &str, digest: &str) -> Result<Vec<u8>> {
                    let blob = {
                        let ep = format!("{}/v2/{}/blobs/{}", self.base_url, name, digest);
                        let url = reqwest::Url::parse(&ep).map_err(|e| Error::from(e.to_string()))?;
                        self.build_reqwest(reqwest::Client::new().get(url)).send().await?.bytes().await?
                    };
                    Ok(blob.to_vec())
                }
            }"#,
            &[
                "HEAD /v2/{name}/blobs/{digest} [self.base_url] in has_blob",
                "GET /v2/{name}/blobs/{digest} [self.base_url] in get_blob",
            ],
        ),
        // hyper 0.12: a default request given its method and URI through `*req.method_mut()`;
        // Rust 2015's `try!`, a query added only sometimes
        (
            r#"impl Client {
                fn new_request(&self, method: hyper::Method, url: hyper::Uri) -> Result<hyper::Request<hyper::Body>> {
                    let mut req = hyper::Request::default();
                    *req.method_mut() = method;
                    *req.uri_mut() = url;
                    Ok(req)
                }
                fn get_catalog(&self, paginate: Option<u32>) -> Result<Catalog> {
                    let url = {
                        let mut s = self.base_url.clone() + "/v2/_catalog";
                        if let Some(n) = paginate {
                            s = s + &format!("?n={}", n);
                        };
                        try!(hyper::Uri::from_str(s.as_str()))
                    };
                    let req = self.new_request(hyper::Method::GET, url);
                    Ok(self.hclient.request(req))
                }
            }"#,
            &["GET /v2/_catalog [self.base_url] ?n in get_catalog via new_request"],
        ),
        // a function out of sight named for the URL it builds from a base and a path, and a
        // wrapper that matches on the method it is given
        (
            r#"use crate::util::build_final_url;
            use reqwest::Method as HttpMethod;
            impl Client {
                async fn send<S: Serialize>(&self, path: &str, params: &S, method: HttpMethod) -> Result<R> {
                    let url = build_final_url(self.base_url.clone(), path);
                    let request = match method {
                        HttpMethod::GET => self.client.get(url).query(params),
                        HttpMethod::POST => self.client.post(url).form(params),
                        _ => unreachable!(),
                    };
                    request.send().await?.json().await
                }
                pub async fn series(&self) -> Result<R> { self.send("api/v1/series", &(), HttpMethod::GET).await }
                pub async fn query(&self) -> Result<R> { self.send("api/v1/query", &(), HttpMethod::POST).await }
                pub async fn healthy(&self) -> Result<bool> {
                    let url = build_final_url(self.base_url.clone(), "-/healthy");
                    Ok(self.client.get(url).send().await?.status().is_success())
                }
                // not a URL builder: what it returns is not known
                pub async fn other(&self) -> Result<bool> {
                    let url = pick(self.base_url.clone(), "-/ready");
                    Ok(self.client.get(url).send().await?.status().is_success())
                }
            }"#,
            &[
                "GET /-/healthy [self.base_url] in healthy",
                "GET unresolved in other",
                "GET /api/v1/series [self.base_url] in series via send",
                "POST /api/v1/query [self.base_url] in query via send",
            ],
        ),
        // path segments given as an array, extended onto the base by a trait helper of `Url`;
        // the callers' type is an alias of the client's, which has the wrapper
        (
            r#"pub(crate) trait UrlAppend {
                fn append(&self, segments: impl IntoIterator<Item = impl AsRef<str>>) -> Url;
            }
            impl UrlAppend for Url {
                fn append(&self, segments: impl IntoIterator<Item = impl AsRef<str>>) -> Url {
                    let mut url = self.clone();
                    url.path_segments_mut().unwrap().pop_if_empty().extend(segments);
                    url
                }
            }
            pub type AppClient = Client<AppToken>;
            impl<T> Client<T> {
                async fn request<R: DeserializeOwned>(&self, method: Method, uri: impl IntoIterator<Item = impl AsRef<str>>) -> Result<R> {
                    Ok(self.http.request(method, self.base_url.append(uri)).send().await?.json().await?)
                }
            }
            impl AppClient {
                pub async fn plugins(&self) -> Result<Vec<Plugin>> { self.request(Method::GET, ["plugin"]).await }
                pub async fn enable(&self, id: i64) -> Result<()> {
                    self.request(Method::POST, ["plugin".into(), id.to_string(), "enable".into()]).await
                }
                // not segments: a path with a `/` in it, so not known
                pub async fn odd(&self) -> Result<()> { self.request(Method::GET, ["a/b"]).await }
                // the array bound to a name first
                pub async fn disable(&self, id: i64) -> Result<()> {
                    let segments = ["plugin".to_string(), id.to_string(), "disable".to_string()];
                    self.request(Method::POST, segments).await
                }
            }"#,
            &[
                "GET /plugin [self] in plugins via request",
                "POST /plugin/{id}/enable [self] in enable via request",
                "GET unresolved in odd via request",
                "POST /plugin/{id}/disable [self] in disable via request",
            ],
        ),
        // a URL from a helper, or else the fallback that says what it is; a helper adding a
        // query to its `mut` parameter
        (
            r#"impl OpenAIClient {
                async fn build_request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
                    let url = self.url_keeping_query(path).unwrap_or_else(|_| format!("{}/{}", self.api_endpoint, path));
                    reqwest::Client::new().request(method, url)
                }
                async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
                    Ok(self.build_request(Method::GET, path).await.send().await?.json().await?)
                }
                fn query_params(limit: Option<i64>, after: Option<String>, mut url: String) -> String {
                    let mut params = vec![];
                    if let Some(limit) = limit { params.push(format!("limit={limit}")); }
                    if let Some(after) = after { params.push(format!("after={after}")); }
                    if !params.is_empty() {
                        url = format!("{}?{}", url, params.join("&"));
                    }
                    url
                }
                pub async fn list_batches(&self, limit: Option<i64>, after: Option<String>) -> Result<Batches> {
                    let url = Self::query_params(limit, after, "batches".to_string());
                    self.get(&url).await
                }
                pub async fn models(&self) -> Result<Models> { self.get("models").await }
            }"#,
            &[
                "GET /batches [self.api_endpoint] in list_batches via get>build_request",
                "GET /models [self.api_endpoint] in models via get>build_request",
            ],
        ),
        // URLs joined from a list, or written into an empty string; a crate fn named `join`
        // is not what a list's `.join("/")` calls
        (
            r#"impl C {
                async fn join(&self, id: &str) -> R { let url = Url::parse(&self.base)?.join(&format!("v1/joined/{id}"))?; self.client.get(url).send().await }
                async fn joined(&self, id: &str) -> R { let path = ["v1", "items", id].join("/"); self.client.get(format!("{}/{}", self.base, path)).send().await }
                async fn vec_joined(&self, id: &str) -> R { let url = vec![self.base.as_str(), "v1", "tags", id].join("/"); self.client.get(url).send().await }
                async fn concat(&self, id: &str) -> R { let url = [self.base.as_str(), "/v1/users/", id].concat(); self.client.delete(url).send().await }
                async fn written(&self, id: &str) -> R { let mut url = String::new(); write!(url, "{}/v1/notes/{}", self.base, id)?; self.client.get(url).send().await }
            }"#,
            &[
                "GET /v1/joined/{id} [self.base] in join",
                "GET /v1/items/{id} [self.base] in joined",
                "GET /v1/tags/{id} [self.base] in vec_joined",
                "DELETE /v1/users/{id} [self.base] in concat",
                "GET /v1/notes/{id} [self.base] in written",
            ],
        ),
        // a closure that builds the URL; an endpoint enum whose `Display` impl writes its path
        (
            r#"pub enum Endpoint { Users, User(u64) }
            impl std::fmt::Display for Endpoint {
                fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    match self {
                        Endpoint::Users => f.write_str("/users"),
                        Endpoint::User(id) => write!(f, "/users/{}", id),
                    }
                }
            }
            impl Api {
                async fn closure(&self) -> R { let url = |p: &str| format!("{}{}", self.base, p); self.http.get(url("/status")).send().await }
                async fn user(&self, id: u64) -> R { self.http.get(format!("{}{}", self.base, Endpoint::User(id))).send().await }
                async fn users(&self) -> R { let e = Endpoint::Users; self.http.get(self.base.clone() + &e.to_string()).send().await }
                // an error's text is no path
                async fn other(&self) -> R { self.http.get(format!("{}{}", self.base, Error::NotFound)).send().await }
            }"#,
            &[
                "GET /status [self.base] in closure",
                "GET /users/{id} [self.base] in user",
                "GET /users [self.base] in users",
                "GET unresolved in other",
            ],
        ),
        // an RPC-style API: the API method's name given as a word, put in the path by the
        // wrapper (`query_public("Time", ..)`)
        (
            r#"impl KrakenRestClient {
                pub fn query_public<D: Serialize, R: DeserializeOwned>(&self, method: &str, query_data: D) -> Result<R> {
                    let url_path = format!("/{}/public/{}", self.version, method);
                    self.query(&url_path, serde_qs::to_string(&query_data)?)
                }
                fn query<R: DeserializeOwned>(&self, url_path: &str, post_data: String) -> Result<R> {
                    let url = self.base_url.join(url_path)?;
                    Ok(self.client.post(url).body(post_data).send()?.json()?)
                }
            }
            impl KrakenRestAPI {
                pub fn time(&self) -> Result<Time> {
                    let result: Result<KrakenResult<Time>> = self.client.query_public("Time", Empty {});
                    result.and_then(unpack)
                }
            }"#,
            &[
                "POST /{version}/public/Time [self.base_url] body=raw in time via query_public>query",
            ],
        ),
        // a URL macro with a literal and the rest of its arguments as tokens, whose second rule
        // formats what its first makes (`format!(endpoint!($path), $($fmt)*)`); a test calling
        // the API fn with a fixed id does not take its request
        (
            r#"macro_rules! endpoint {
                ($path:literal) => { concat!("https://api.spotify.com", $path) };
                ($path:literal, $($fmt:tt)*) => { &format!(endpoint!($path), $($fmt)*) };
            }
            impl Albums<'_> {
                pub async fn get_album(self, id: &str, market: Option<Market>) -> Result<Album> {
                    self.0.send_json(self.0.client.get(endpoint!("/v1/albums/{}", id)).query(&[market.map(Market::query)])).await
                }
                pub async fn saved(self) -> Result<Albums> { self.0.send_json(self.0.client.get(endpoint!("/v1/me/albums"))).await }
            }
            #[cfg(test)]
            mod tests {
                #[tokio::test]
                async fn test_get_album() { client().albums().get_album("03JPFQvZRnHHysSZrSFmKY", None).await.unwrap(); }
            }"#,
            &[
                "GET /v1/albums/{id} [https://api.spotify.com] in get_album",
                "GET /v1/me/albums [https://api.spotify.com] in saved",
            ],
        ),
        // a parameter glued to a letter of its segment (`f{symbol}`) is that segment, not a
        // path of any length: the request is checked where it is written
        (
            r#"impl Client {
                pub fn get(&self, endpoint: String, request: String) -> Result<String> {
                    let mut url: String = format!("{}{}", API1_HOST, endpoint);
                    if !request.is_empty() { url.push_str(format!("?{}", request).as_str()); }
                    self.handler(reqwest::get(url.as_str())?)
                }
            }
            static API1_HOST: &'static str = "https://api.bitfinex.com/v2/";
            impl Book {
                pub fn funding_currency<S: Into<String>>(&self, symbol: S, precision: S) -> Result<Vec<F>> {
                    let endpoint: String = format!("book/f{}/{}", symbol.into(), precision.into());
                    let data = self.client.get(endpoint, String::new())?;
                    Ok(from_str(data.as_str())?)
                }
            }"#,
            &[
                "GET /v2/book/f{symbol}/{precision} [https://api.bitfinex.com] in funding_currency via get",
            ],
        ),
        // a helper of the inner client, called on the outer one (which derefs to it); a
        // newtype over a map that calls `self.get(key)` calls no client's `get`
        (
            r#"impl ApiInner {
                fn req_url(&self, path: &str) -> Url { let mut base = self.base_url.clone(); base.set_path(path); base }
                async fn get(&self, path: &str) -> R { self.client.get(format!("{}{}", self.base_url, path)).send().await }
            }
            impl Headers {
                fn content_type(&self) -> Option<&String> { self.get("content-type") }
            }
            impl Api {
                async fn follow(&self, name: &str) -> Result<()> {
                    let url = self.req_url(&format!("api/rel/follow/{name}"));
                    self.execute(self.client.post(url)).await
                }
            }"#,
            &[
                // the inner client's wrapper, which nothing calls, is reported as it is
                "GET unresolved in get",
                "POST /api/rel/follow/{name} [self.base_url] in follow",
            ],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(&describe(src), expected, "{src}");
    }
}

#[test]
fn rust_2015_async_module_paths_parse() {
    // `reqwest::async` was a module before Rust 2018 made `async` a keyword.
    let src = r#"impl Client {
        fn build_reqwest(&self, client: reqwest::async::RequestBuilder) -> reqwest::async::RequestBuilder { client }
        fn tags(&self, name: &str) -> reqwest::async::RequestBuilder {
            let url = format!("{}/v2/{}/tags/list", self.base_url, name);
            self.build_reqwest(reqwest::async::Client::new().get(&url))
        }
    }"#;
    assert_eq!(
        describe(src),
        ["GET /v2/{name}/tags/list [self.base_url] in tags"]
    );
}

#[test]
fn an_endpoint_type_sent_by_a_generic_wrapper_is_reported_once() {
    // Found as an endpoint type (`fn method` + `fn path`) and as a request a generic wrapper
    // sends: one request, with the base the wrapper adds.
    let src = r#"pub trait Req { fn method(&self) -> Method; fn path(&self) -> String; }
pub struct GetUser { id: u64 }
impl Req for GetUser {
    fn method(&self) -> Method { Method::GET }
    fn path(&self) -> String { format!("/users/{}", self.id) }
}
impl Api {
    async fn run<Q: Req>(&self, q: Q) -> R { self.http.request(q.method(), format!("{}{}", self.base, q.path())).send().await }
}"#;
    let at_path: Vec<String> = describe(src)
        .into_iter()
        .filter(|c| c.contains("/users/{id}"))
        .collect();
    assert_eq!(
        at_path,
        ["GET /users/{id} [self.base] in GetUser::path via run"]
    );
}

#[test]
fn endpoint_types_that_give_their_path_and_method_in_associated_consts() {
    let cases: &[(&str, &[&str])] = &[
        // a generic fn sending `E::METHOD` to `E::PATH`: one request per implementing type, at
        // its path (two types with one path, and two methods)
        (
            r#"pub trait Endpoint { const METHOD: Method; const PATH: &'static str; }
            pub struct ListUsers;
            impl Endpoint for ListUsers { const METHOD: Method = Method::GET; const PATH: &'static str = "/users"; }
            pub struct CreateUser;
            impl Endpoint for CreateUser { const METHOD: Method = Method::POST; const PATH: &'static str = "/users"; }
            impl Api {
                async fn call<E: Endpoint>(&self) -> R { self.http.request(E::METHOD, format!("{}{}", self.base, E::PATH)).send().await }
            }"#,
            &[
                "GET /users [self.base] in ListUsers::PATH via call",
                "POST /users [self.base] in CreateUser::PATH via call",
            ],
        ),
        // the path formatted by the trait's default method, the method the trait's default
        // const unless a type gives its own (ipfs-api)
        (
            r#"pub trait ApiRequest: Serialize {
                const PATH: &'static str;
                const METHOD: &'static http::Method = &http::Method::GET;
                fn absolute_url(&self, base: &Uri) -> Result<Uri, Error> {
                    format!("{}{}?{}", base, Self::PATH, serde_urlencoded::to_string(self)?).parse().map_err(Error::from)
                }
            }
            impl ApiRequest for KeyList { const PATH: &'static str = "/key/list"; }
            impl ApiRequest for KeyRm { const PATH: &'static str = "/key/rm"; const METHOD: &'static http::Method = &http::Method::POST; }
            impl Backend for ActixBackend {
                fn build_base_request<Req: ApiRequest>(&self, req: &Req) -> Result<Request, Error> {
                    let url = req.absolute_url(&self.base)?;
                    Ok(self.client.request(Req::METHOD, url).send())
                }
            }"#,
            &[
                "GET /key/list [base] in KeyList::PATH via build_base_request",
                "POST /key/rm [base] in KeyRm::PATH via build_base_request",
            ],
        ),
        // a derive that sends the struct: the route in its attribute, GET unless it says
        // otherwise (rustify, as vaultrs uses it); a struct that derives no `Endpoint` is none
        (
            r#"#[derive(Builder, Debug, Endpoint)]
            #[endpoint(path = "{self.mount}/data/{self.path}", response = "ReadSecretResponse", builder = "true")]
            pub struct ReadSecretRequest { #[endpoint(skip)] pub mount: String, #[endpoint(skip)] pub path: String }
            #[derive(Builder, Debug, Endpoint)]
            #[endpoint(path = "{self.mount}/destroy/{self.path}", method = "POST", builder = "true")]
            pub struct DestroySecretVersionsRequest { #[endpoint(skip)] pub mount: String, pub versions: Vec<u64> }
            #[derive(Debug, Serialize)]
            #[endpoint(path = "/not/derived")]
            pub struct NotAnEndpoint { pub x: u32 }"#,
            &[
                "GET /{mount}/data/{path} in ReadSecretRequest",
                "POST /{mount}/destroy/{path} in DestroySecretVersionsRequest",
            ],
        ),
        // a const no request uses is no request
        (
            r#"pub trait Named { const NAME: &'static str; }
            impl Named for Thing { const NAME: &'static str = "/not/a/request"; }"#,
            &[],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(&describe(src), expected, "{src}");
    }
}

/// Request descriptions made by a constructor of the crate: `Builder::new(path)` with a default
/// method, changed by a setter, sent by a wrapper that reads the description's fields; or
/// returned to the library's user, who sends it (then reported where the URL is written).
#[test]
fn request_descriptions_made_by_constructors() {
    let cases: &[(&str, &[&str])] = &[
        // Pteroxide: sent by the client's `request(builder)`, which reads `builder.path` and
        // `builder.method`; the method set by a string, the body set on a `let`, also in a branch
        (
            r#"pub struct Builder { pub method: Method, pub path: String, pub body: Body }
            impl Builder {
                pub fn new(path: &str) -> Self {
                    Self { method: Method::GET, path: String::from(path), body: Body::empty() }
                }
                pub fn method(mut self, method: &'static str) -> Result<Self, Error> {
                    match method { "GET" => self.method = Method::GET, _ => self.method = Method::POST }
                    Ok(self)
                }
                pub fn body(mut self, value: Value) -> Self { self.body = Body::from(value.to_string()); self }
            }
            impl Client {
                pub async fn request<T>(&self, builder: Builder) -> Result<Option<T>, Error> {
                    let uri = &format!("{}{}", self.url, builder.path).parse::<Uri>().unwrap();
                    let req = Request::builder().method(builder.method).uri(uri).body(builder.body).unwrap();
                    self.http.request(req).await
                }
            }
            impl<'a> GetAccount<'a> {
                pub async fn exec(self) -> R { self.http.request::<Account>(Builder::new("/api/client/account")).await }
            }
            impl<'a> DeleteApiKey<'a> {
                pub async fn exec(self) -> R {
                    let req = Builder::new(&format!("/api/client/account/api-keys/{}", self.id)).method("DELETE")?;
                    self.http.request::<()>(req).await
                }
            }
            impl<'a> CreateBackup<'a> {
                pub async fn exec(self) -> R {
                    let mut req = Builder::new(&format!("/api/client/servers/{}/backups", self.id))
                        .method("POST")?;
                    if self.name.is_some() {
                        req = req.body(json!({ "name": self.name }));
                    }
                    self.http.request::<Backup>(req).await
                }
            }"#,
            &[
                "GET /api/client/account [self.url] body=raw in exec via request",
                "DELETE /api/client/account/api-keys/{id} [self.url] body=raw in exec via request",
                "POST /api/client/servers/{id}/backups [self.url] body=raw in exec via request",
            ],
        ),
        // vultrapi: descriptions returned to the user, as a struct literal (hyper 0.11's
        // `Method::Post`) or through the constructor, whose method is GET
        (
            r#"pub struct RequestBuilder<'t, T> { pub api_key: &'t str, pub method: Method, pub url: String, pub body: Option<String> }
            impl<'t, T> RequestBuilder<'t, T> {
                pub fn new<S>(api_key: &'t str, url: S) -> RequestBuilder<'t, T> where S: Into<String> {
                    RequestBuilder { api_key: api_key, method: Method::Get, url: url.into(), body: None }
                }
            }
            impl<'t> RequestBuilder<'t, response::Servers> {
                pub fn destroy(self, sub_id: &str) -> RequestBuilder<'t, response::HeaderOnly> {
                    RequestBuilder {
                        method: Method::Post,
                        api_key: self.api_key,
                        url: String::from("https://api.vultr.com/v1/server/destroy"),
                        body: Some(format!("SUBID={}", sub_id)),
                    }
                }
            }
            impl<'t> VultrMgr<'t> {
                pub fn account(&self) -> RequestBuilder<'t, response::Account> {
                    RequestBuilder::new(self.api_key, "https://api.vultr.com/v1/account/info")
                }
            }"#,
            &[
                "POST /v1/server/destroy [https://api.vultr.com] in destroy via destroy (a request description)",
                "GET /v1/account/info [https://api.vultr.com] in account via account (a request description)",
            ],
        ),
        // hrobot: a constructor calling another, the method set by `with_method`, an id
        // parameter in a segment
        (
            r#"pub(crate) struct UnauthenticatedRequest<Response> { uri: Uri, method: &'static str, body: Option<String> }
            impl<Response> UnauthenticatedRequest<Response> {
                pub(crate) fn new(uri: Uri) -> Self { UnauthenticatedRequest { uri, method: "GET", body: None } }
                pub(crate) fn from(uri: &str) -> Self { Self::new(Uri::from_str(uri).expect("a valid uri")) }
                pub(crate) fn with_method(mut self, method: &'static str) -> Self { self.method = method; self }
            }
            fn list_rdns_entries() -> UnauthenticatedRequest<List<Rdns>> {
                UnauthenticatedRequest::from("https://robot-ws.your-server.de/rdns")
            }
            fn delete_rdns_entry(ip: IpAddr) -> UnauthenticatedRequest<()> {
                UnauthenticatedRequest::from(&format!("https://robot-ws.your-server.de/rdns/{ip}"))
                    .with_method("DELETE")
            }"#,
            &[
                "GET /rdns [https://robot-ws.your-server.de] in list_rdns_entries via list_rdns_entries (a request description)",
                "DELETE /rdns/{ip} [https://robot-ws.your-server.de] in delete_rdns_entry via delete_rdns_entry (a request description)",
            ],
        ),
        // not requests: a constructor whose path is its parameter (the caller's to give, and
        // no caller here), a description with no URL yet, and one whose `url` is no URL
        (
            r#"impl Builder {
                pub fn new(path: &str) -> Self { Self { method: Method::GET, path: String::from(path) } }
                pub fn empty(key: &str) -> Self { Self { method: Method::GET, path: String::new() } }
            }
            impl Job {
                pub fn new() -> Self { Job { method: Method::POST, url: "not a url".into() } }
            }"#,
            &[],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// A URL helper whose `Option` parameter picks the path (`name.map(|n| ..).unwrap_or(..)`):
/// each caller's path is the one its argument picks, `Some(..)` or `None`; an argument that is
/// neither says nothing of the path.
#[test]
fn url_helpers_with_an_optional_parameter() {
    let src = r#"impl Client {
        fn build_files_url(&self, name: Option<&str>) -> Result<Url, Error> {
            let suffix = name
                .map(|n| format!("files/{}", n.strip_prefix("files/").unwrap_or(n)))
                .unwrap_or_else(|| "files".to_string());
            self.base_url.join(&suffix).context(ConstructUrlSnafu { suffix })
        }
        fn build_batch_url(&self, name: &str, action: Option<&str>) -> Result<Url, Error> {
            let suffix = action
                .map(|a| format!("{name}:{a}"))
                .unwrap_or_else(|| name.to_string());
            let url = self.base_url.clone();
            url.join(&suffix).context(ConstructUrlSnafu { suffix })
        }
        fn page_url(&self, cursor: Option<String>) -> String {
            match cursor {
                Some(c) => format!("{}/items?cursor={c}", self.base),
                None => format!("{}/items", self.base),
            }
        }
        async fn get_file(&self, name: &str) -> R {
            let url = self.build_files_url(Some(name))?;
            self.http_client.get(url.clone()).send().await
        }
        async fn list_files(&self) -> R {
            let url = self.build_files_url(None)?;
            self.http_client.get(url).send().await
        }
        async fn list_batches(&self) -> R {
            let url = self.build_batch_url("batches", None)?;
            self.http_client.get(url).send().await
        }
        async fn cancel(&self, name: &str) -> R {
            let url = self.build_batch_url(name, Some("cancel"))?;
            self.http_client.post(url).send().await
        }
        async fn any_file(&self, name: Option<&str>) -> R {
            let url = self.build_files_url(name)?;
            self.http_client.delete(url).send().await
        }
        async fn first_page(&self) -> R { self.http.get(self.page_url(None)).send().await }
        async fn next_page(&self, c: String) -> R { self.http.get(self.page_url(Some(c))).send().await }
    }"#;
    assert_eq!(
        describe(src),
        [
            "GET /files/{n} [self.base_url] in get_file",
            "GET /files [self.base_url] in list_files",
            "GET /batches [self.base_url] in list_batches",
            "POST /{name}:cancel [self.base_url] in cancel",
            // (its own `Option` handed on, and no caller: read as given a value)
            "DELETE /files/{n} [self.base_url] in any_file",
            "GET /items [self.base] in first_page",
            "GET /items [self.base] ?cursor in next_page",
        ]
    );
}

/// A parameter that only fills a query value (`?real_url={}`) is no path, whatever its name:
/// the request is reported where it is written, not at each caller passing its own `url` on.
#[test]
fn a_parameter_in_the_query_is_no_path_of_the_callers() {
    let src = r#"
        fn bngy_request(url: &str, client: &Client) -> Option<Response> {
            client.get(&format!("https://bn.gy/API.asmx/CreateUrl?real_url={}", url)).send().ok()
        }
        fn fetch(path: &str, client: &Client) -> Option<Response> {
            client.get(&format!("https://api.example.com{}?format=json", path)).send().ok()
        }
        pub fn request(url: &str, provider: &Provider, client: &Client) -> Option<Response> {
            match *provider {
                Provider::BnGy => bngy_request(url, client),
                Provider::Other => fetch("/v1/links", client),
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /API.asmx/CreateUrl [https://bn.gy] ?real_url in bngy_request",
            "GET /v1/links [https://api.example.com] ?format in request via fetch",
        ]
    );
}

/// A value passed whole where a wrapper takes its path (`fetch(&format!("{year}"))`) makes
/// the caller's request its own when the value is named for something else than a path: the
/// callers of `race(year)` give a year.
#[test]
fn a_value_passed_whole_as_the_path_is_the_callers_own_request() {
    let src = r#"
        pub struct API;
        impl API {
            pub async fn get(url: &str) -> Result<Response, Error> {
                let url = format!("https://ergast.com/api/f1/{}.json", url);
                reqwest::get(url).await
            }
        }
        impl Ergast {
            async fn fetch(url: &str) -> R { API::get(&url).await }
            pub async fn race(year: i32) -> R {
                let url = format!("{year}");
                Ergast::fetch(&url).await
            }
            pub async fn by_path(path: &str) -> R { Ergast::fetch(path).await }
            pub async fn seasons() -> R { Ergast::fetch("seasons").await }
        }"#;
    assert_eq!(
        describe(src),
        [
            // (A wrapper nothing calls comes first, where it is written.)
            "GET unresolved in by_path via fetch>get",
            "GET /api/f1/{year}.json [https://ergast.com] in race via fetch>get",
            "GET /api/f1/seasons.json [https://ergast.com] in seasons via fetch>get",
        ]
    );
}

/// The method named by a string the caller gives (`send_request("GET", ..)`), turned into the
/// crate's `Method` consts by a `match` and handed to a second layer that builds the request.
#[test]
fn a_method_named_by_a_string_through_two_layers() {
    let src = r#"
        pub const GET: Method = Method::GET;
        pub const POST: Method = Method::POST;
        impl HTTPClient for Client {
            async fn send_request<T>(&self, method: &str, endpoint: &str, body: Option<String>) -> Result<T, Error> {
                let method = match method {
                    "GET" => GET,
                    "POST" => POST,
                    &_ => GET,
                };
                let resp = retry_with_backoff(self, &method, endpoint, body).await?;
                decode(resp)
            }
        }
        async fn retry_with_backoff(client: &Client, method: &Method, endpoint: &str, body: Option<String>) -> Result<Response, Error> {
            let url = format!("{}/{}", client.server_url, endpoint);
            let req = hyper::Request::builder().method(method).uri(&*url).body(Body::empty())?;
            client.http.request(req).await
        }
        pub async fn all(client: impl HTTPClient) -> R {
            client.send_request::<Vec<VaultData>>("GET", "v1/vaults", None).await
        }
        pub async fn add(client: impl HTTPClient, id: &str, body: String) -> R {
            let path = format!("v1/vaults/{}/items", id);
            client.send_request::<Item>("POST", &path, Some(body)).await
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /v1/vaults [client.server_url] in all via send_request>retry_with_backoff",
            "POST /v1/vaults/{id}/items [client.server_url] in add via send_request>retry_with_backoff",
        ]
    );
}

/// A URL helper whose value passes through error-chain's `chain_err`, which keeps the `Ok`
/// value, and a query appended pair by pair with keys known only at run time:
/// the path is still known (redmine_api).
#[test]
fn error_adapters_and_query_keys_known_at_run_time() {
    let src = r#"
        impl RedmineClient {
            fn get(&self, path: &str, params: &HashMap<&str, String>) -> Result<String> {
                let mut url = self.get_base_url(path)?;
                for (key, value) in params {
                    url.query_pairs_mut().append_pair(key, value);
                }
                let mut response = Client::new()?.get(url.as_str())?.send()?;
                Ok(result)
            }
            fn delete(&self, path: &str) -> Result<bool> {
                let response = Client::new()?.delete(self.get_base_url(path)?.as_str())?.send()?;
                Ok(true)
            }
            fn get_base_url(&self, path: &str) -> Result<Url> {
                let mut url = Url::parse(&(self.host.clone() + path))
                    .chain_err(|| format!("Can't parse url: {}", (self.host.clone() + path)))?;
                url.query_pairs_mut().append_pair("key", &self.apikey);
                Ok(url)
            }
        }
        pub struct UserList { client: Rc<RedmineClient> }
        pub struct UserDelete { client: Rc<RedmineClient>, delete_id: u32 }
        impl UserList {
            pub fn execute(&self) -> Result<UserList> {
                let result = self.client.get("/users.json", &HashMap::new())?;
                serde_json::from_str(&result).chain_err(|| "Can't parse json")
            }
        }
        impl UserDelete {
            pub fn execute(&self) -> Result<bool> {
                self.client.delete(&format!("/users/{}.json", self.delete_id))
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /users.json [self.host] ?key in execute via get",
            "DELETE /users/{delete_id}.json [self.host] ?key in execute via delete",
        ]
    );
    // The keys added at run time are not all the query's keys.
    let calls = routelint::source::extract_from_str(src, "case.rs").expect("parses");
    let get = calls
        .iter()
        .find(|c| c.method == routelint::spec::Method::Get);
    let url = CallUrl::split(&get.expect("the GET").url).expect("splits");
    assert!(url.query_keys_hidden, "{url:?}");
}

/// `self.http.delete(url)` on a field declared as an HTTP library's client is that library's
/// request, even when the crate has a type of the same short name with a `delete` wrapper.
#[test]
fn a_library_client_field_is_no_wrapper_of_the_crate() {
    let src = r#"
        pub struct Client { base: String }
        impl Client {
            fn delete(&self, path: &str) -> R { ureq::delete(&format!("{}{}", self.base, path)).call() }
        }
        pub struct Api { http: reqwest::Client, base: String }
        impl Api {
            async fn drop_user(&self, id: u32) -> R {
                self.http.delete(format!("{}/users/{id}", self.base)).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "DELETE unresolved in delete",
            "DELETE /users/{id} [self.base] in drop_user",
        ]
    );
}

/// A request description of another type built where it is returned (`Request { path, method,
/// .. }` in `Selected::list`, lifxi): a route, reported where its path is written, when both
/// its path and its method read as such.
#[test]
fn request_descriptions_of_another_type() {
    let src = r#"
        pub struct Request<'a, S> { client: &'a Client, path: String, body: S, method: Method }
        impl<'a, T: Select> Selected<'a, T> {
            pub fn list(&'a self) -> Request<'a, ()> {
                Request { client: self.client, path: format!("/lights/{}", self.selector), body: (), method: Method::GET }
            }
            pub fn label(&'a self) -> Label<'a> {
                Label { client: self.client, name: format!("{}", self.selector), method: Method::GET }
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /lights/{selector} in list via list (a request description)"]
    );
}

/// A route table on an enum value bound to a name and passed through two layers of the
/// crate (jira_query's `let method = Method::Search(query); self.chunk_of_issues(&method, 0)`),
/// and pairs a URL may end with or not (`String::new()` or `format!("&maxResults={n}")`),
/// which are no part of its path.
#[test]
fn route_tables_through_layers_and_optional_pairs() {
    let src = r#"
        enum Method<'a> { Key(&'a str), Search(&'a str) }
        impl<'a> Method<'a> {
            fn url_fragment(&self) -> String {
                match self {
                    Self::Key(id) => format!("issue/{id}"),
                    Self::Search(query) => format!("search?jql={query}"),
                }
            }
        }
        impl JiraInstance {
            fn path(&self, method: &Method, start_at: u32) -> String {
                let max_results = match self.pagination {
                    Pagination::Default => String::new(),
                    Pagination::MaxResults(n) => format!("&maxResults={n}"),
                };
                let start_at = if start_at == 0 { String::new() } else { format!("&startAt={start_at}") };
                format!("{}/{}/{}{}{}", self.host, REST_PREFIX, method.url_fragment(), max_results, start_at)
            }
            async fn authenticated_get(&self, url: &str) -> R { self.client.get(url).send().await }
            pub async fn issue(&self, key: &str) -> R {
                let url = self.path(&Method::Key(key), 0);
                self.authenticated_get(&url).await
            }
            async fn chunk_of_issues(&self, method: &Method<'_>, start_at: u32) -> R {
                let url = self.path(method, start_at);
                self.authenticated_get(&url).await
            }
            pub async fn search(&self, query: &str) -> R {
                let method = Method::Search(query);
                self.chunk_of_issues(&method, 0).await
            }
        }
        const REST_PREFIX: &str = "rest/api/2";"#;
    assert_eq!(
        describe(src),
        [
            "GET /rest/api/2/issue/{key} [self.host] in issue via authenticated_get",
            "GET /rest/api/2/search [self.host] ?jql in search via chunk_of_issues>authenticated_get",
        ]
    );
}

/// An `http` request builder a helper returns unfinished (no `.method(..)`, no `.body(..)`):
/// its caller sets the method, so it is not GET by default; one made into a request is.
#[test]
fn an_unfinished_request_builder_has_no_method_yet() {
    let src = r#"
        pub fn default_request_builder(url: &url::Url) -> http::request::Builder {
            http::Request::builder().header("Accept", "application/json").uri(url.to_string())
        }
        pub fn ping(base: &str) -> http::Request<()> {
            http::Request::builder().uri(format!("{base}/ping")).body(()).unwrap()
        }"#;
    assert_eq!(
        describe(src),
        [
            "? unresolved in default_request_builder",
            "GET /ping [base] in ping"
        ]
    );
    let calls = routelint::source::extract_from_str(src, "case.rs").expect("parses");
    let note = calls[0].note.as_deref().unwrap_or_default();
    assert!(
        note.contains("set by the code the request builder is handed to"),
        "{note}"
    );
}

/// A URL builder of the crate named for what it does (`resolve_url(rel_path)`) whose body is
/// too roundabout to follow (it parses the path against a dummy host and sets what it finds on
/// the base): the path it is given, under the API's root (rust-buildkite). A method named for
/// something else is not read so.
#[test]
fn url_builders_read_by_their_name_when_their_body_is_not() {
    let body = r#"
            let rel = Url::parse(rel_path);
            if let Ok(url) = &rel { if url.scheme() == "https" { return Ok(url.clone()); } }
            let rel_parsed = match rel {
                Ok(url) => url,
                Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse(&format!("http://dummy/{}", rel_path.trim_start_matches('/')))?,
                Err(e) => return Err(e),
            };
            let mut result = Url::parse(&self.base_url)?;
            let base_path = result.path().trim_end_matches('/');
            let clean_rel = rel_parsed.path().trim_start_matches('/');
            let new_path = if base_path.is_empty() { format!("/{}", clean_rel) } else { format!("{}/{}", base_path, clean_rel) };
            result.set_path(&new_path);
            Ok(result)"#;
    let src = format!(
        r#"impl ClientInner {{
            fn resolve_url(&self, rel_path: &str) -> Result<Url, url::ParseError> {{ {body} }}
            fn tidy(&self, rel_path: &str) -> Result<Url, url::ParseError> {{ {body} }}
            pub async fn new_request(&self, method: reqwest::Method, url_path: &str) -> Result<reqwest::RequestBuilder, E> {{
                let url = self.resolve_url(url_path)?;
                Ok(self.http_client.request(method, url).bearer_auth(&self.token))
            }}
            pub async fn other(&self, url_path: &str) -> R {{
                let url = self.tidy(url_path)?;
                self.http_client.get(url).send().await
            }}
        }}
        impl AgentsService {{
            pub async fn stop(&self, org: &str, agent_id: &str) -> R {{
                self.client.new_request(reqwest::Method::PUT, &format!("v2/organizations/{{}}/agents/{{}}/stop", org, agent_id)).await?.send().await
            }}
            pub async fn token(&self) -> R {{ self.client.other("v2/access-token").await }}
        }}"#
    );
    assert_eq!(
        describe(&src),
        [
            // `tidy` names no URL it builds: its request stays where it is, unread.
            "GET unresolved in other",
            "PUT /v2/organizations/{org}/agents/{agent_id}/stop [self.resolve_url(..)] in stop via new_request",
        ]
    );
}

/// A query a URL may end with, made from an optional parameter (`product_id.map(|x|
/// format!("?product_id={x}")).unwrap_or_default()`) or glued on as a value named for one
/// (`format!("/orders{}", param)`): the path is the text before it (coinbase-pro-rs).
#[test]
fn optional_queries_are_no_part_of_the_path() {
    let src = r#"impl<A> Private<A> {
        pub fn cancel_all(&self, product_id: Option<&str>) -> A::Result {
            let suffix = product_id.map(|x| format!("?product_id={}", x)).unwrap_or_default();
            self.call(Method::DELETE, &format!("/orders{}", suffix), "")
        }
        pub fn get_orders(&self, status: Option<OrderStatus>) -> A::Result {
            let mut param = status.map(|x| format!("&status={}", x)).unwrap_or_default().into_bytes();
            if !param.is_empty() { param[0] = b'?'; }
            self.call_get(&format!("/orders{}", String::from_utf8(param).unwrap()))
        }
        fn call_get(&self, uri: &str) -> A::Result { self.call(Method::GET, uri, "") }
        fn call(&self, method: Method, uri: &str, body: &str) -> A::Result {
            self.client.request(method, &format!("{}{}", self.root_url, uri)).body(body.to_string()).send()
        }
    }"#;
    assert_eq!(
        describe(src),
        [
            "DELETE /orders [self.root_url] body=raw in cancel_all via call",
            "GET /orders [self.root_url] body=raw in get_orders via call_get>call",
        ]
    );
}

/// A fallback says what a value is only when a helper makes the value: `symbol.into()
/// .unwrap_or("".into())` is the caller's symbol (bitfinex-rs read `orders/t/hist`). And a
/// choice on an `Option` parameter whose `Some` branch cannot be read still gives its `None`
/// callers their path (gemini-rust's `build_cache_url(None)`), and the others nothing wrong.
#[test]
fn fallbacks_of_runtime_values_and_unreadable_branches() {
    let src = r#"impl Client {
        pub fn history<T>(&self, symbol: T) -> R where T: Into<Option<String>> {
            let value = symbol.into().unwrap_or("".into());
            let request: String = format!("orders/t{}/hist", value);
            self.http.post(format!("{}/v2/auth/r/{}", self.host, request)).send()
        }
        fn build_cache_url(&self, name: Option<&str>) -> Result<Url, Error> {
            let suffix = name
                .map(|n| if n.starts_with("cachedContents/") { n.to_string() } else { format!("cachedContents/{}", n) })
                .unwrap_or_else(|| "cachedContents".to_string());
            self.base_url.join(&suffix).context(ConstructUrlSnafu { suffix })
        }
        async fn list_cached(&self) -> R { let url = self.build_cache_url(None)?; self.http.get(url).send().await }
        async fn get_cached(&self, name: &str) -> R { let url = self.build_cache_url(Some(name))?; self.http.get(url).send().await }
    }"#;
    assert_eq!(
        describe(src),
        [
            "POST /v2/auth/r/orders/t{value}/hist [self.host] in history",
            "GET /cachedContents [self.base_url] in list_cached",
            "GET unresolved in get_cached",
        ]
    );
}

/// A trait impl's const read through its type (`<NeoFeed as Client<P>>::BASE_URL`, an absolute
/// URL with a path): the text of that impl's const, not a base at the API's root
/// (voyager-clients read `GET /`).
#[test]
fn associated_consts_read_through_their_type() {
    let src = r#"
        impl<P: Params> Client<P> for NeoFeed {
            const BASE_URL: &'static str = "https://api.nasa.gov/neo/rest/v1/feed";
            fn get(&self, params: P) -> R {
                let base_url = <NeoFeed as Client<P>>::BASE_URL;
                let url = format!("{}?{}", base_url, params.into());
                ureq::get(&url).call()
            }
        }
        impl<P: Params> Client<P> for Earth {
            const BASE_URL: &'static str = "https://api.nasa.gov/planetary/earth/imagery";
            fn get(&self, params: P) -> R { ureq::get(&format!("{}?{}", Self::BASE_URL, params.into())).call() }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /neo/rest/v1/feed [https://api.nasa.gov] in get",
            "GET /planetary/earth/imagery [https://api.nasa.gov] in get",
        ]
    );
}

/// A request type whose own sender sends a path some other method stored in it (iLert's
/// builders: `self.builder.set_path("/users")` in `impl UserGetApiResource for
/// GetRequestBuilder`, sent by that type's `execute` with `.get(url)`): a request of the
/// sender's method per path set, where it is set. A setter of a base URL is no path, and a
/// type with senders of two methods says nothing of which one a path goes to.
#[test]
fn paths_stored_on_a_request_type_and_sent_by_it() {
    let src = r#"
        struct BaseRequestBuilder<'a> { ilert: &'a ILert, options: Options }
        impl<'a> BaseRequestBuilder<'a> {
            fn set_path(&mut self, path: &str) -> () { self.options.path = Some(path.to_string()); }
        }
        pub struct GetRequestBuilder<'a> { builder: BaseRequestBuilder<'a> }
        pub struct PostRequestBuilder<'a> { builder: BaseRequestBuilder<'a> }
        impl BaseRequestExecutor for GetRequestBuilder<'_> {
            async fn execute(&self) -> R {
                let options = prepare(&self.builder)?;
                let url = options.url.unwrap();
                self.builder.ilert.http_client.get(url.as_str()).headers(options.headers).send().await
            }
        }
        impl BaseRequestExecutor for PostRequestBuilder<'_> {
            async fn execute(&self) -> R {
                let options = prepare(&self.builder)?;
                let url = options.url.unwrap();
                self.builder.ilert.http_client.post(url.as_str()).body(options.body).send().await
            }
        }
        impl UserGetApiResource for GetRequestBuilder<'_> {
            fn users(&mut self) -> Box<&dyn BaseRequestExecutor> { self.builder.set_path("/users"); Box::new(self) }
            fn user(&mut self, id: i64) -> Box<&dyn BaseRequestExecutor> {
                self.builder.set_path(format!("/users/{}", id).as_str());
                Box::new(self)
            }
        }
        impl EventApiResource for PostRequestBuilder<'_> {
            fn event(&mut self, body: &str) -> Box<&dyn BaseRequestExecutor> {
                self.builder.set_path("/events");
                Box::new(self)
            }
        }

        struct Mixed { path: String, base_url: String }
        impl Mixed {
            fn set_route(&mut self, route: &str) { self.path = route.to_string(); }
            fn set_base_url(&mut self, url: &str) { self.base_url = url.to_string(); }
            fn fetch(&self) -> R { self.http.get(self.url.clone()).send() }
            fn store(&self) -> R { self.http.put(self.url.clone()).send() }
            fn configure(&mut self) { self.set_base_url("https://example.com/api/"); self.set_route("/items"); }
        }
        struct Plain { base_path: String }
        impl Plain {
            fn set_base_url(&mut self, url: &str) { self.base_path = url.to_string(); }
            fn fetch(&self) -> R { self.http.get(self.full.clone()).send() }
            fn configure(&mut self) { self.set_base_url("https://example.com/api/"); }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET unresolved in fetch",
            "PUT unresolved in store",
            "GET unresolved in fetch",
            "GET /users in users via set_path>GetRequestBuilder::execute",
            "GET /users/{id} in user via set_path>GetRequestBuilder::execute",
            "POST /events body=raw in event via set_path>PostRequestBuilder::execute",
        ]
    );
}

/// curl's old `http` module (cargo's `crates-io` of 2015): `Request::new(&mut handle,
/// method).uri(url)`, with the method a variant brought in alone (`use
/// curl::http::handle::Method::{Get, Delete}`) and handed down through verb wrappers, inside
/// `try!`.
#[test]
fn a_request_given_a_handle_and_a_method_then_its_uri() {
    let src = r#"
        use curl::http::handle::Method::{Get, Delete};
        use curl::http::handle::{Method, Request};
        impl Registry {
            pub fn list_owners(&mut self, krate: &str) -> Result<Vec<User>> {
                let body = try!(self.get(format!("/crates/{}/owners", krate)));
                Ok(decode(&body))
            }
            pub fn yank(&mut self, krate: &str, version: &str) -> Result<()> {
                let body = try!(self.delete(format!("/crates/{}/{}/yank", krate, version), None));
                Ok(())
            }
            fn get(&mut self, path: String) -> Result<String> { self.req(path, None, Get) }
            fn delete(&mut self, path: String, b: Option<&[u8]>) -> Result<String> { self.req(path, b, Delete) }
            fn req(&mut self, path: String, body: Option<&[u8]>, method: Method) -> Result<String> {
                let mut req = Request::new(&mut self.handle, method)
                    .uri(format!("{}/api/v1{}", self.host, path))
                    .header("Accept", "application/json");
                handle(req.exec())
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/v1/crates/{krate}/owners [self.host] in list_owners via get>req",
            "DELETE /api/v1/crates/{krate}/{version}/yank [self.host] in yank via delete>req",
        ]
    );
}

/// An `http` URI built by its builder in a helper (proq's `get_slug`: `uri::Builder::new()
/// .scheme(proto).authority(self.host.as_str()).path_and_query(slug).build()`): the path is
/// the one given, after the authority.
#[test]
fn a_uri_builder_given_the_path() {
    let src = r#"
        const PROQ_LABELS_URL: &str = "/api/v1/labels";
        impl ProqClient {
            pub async fn label_names(&self) -> ProqResult<ApiResult> {
                let url: Url = Url::from_str(self.get_slug(PROQ_LABELS_URL)?.to_string().as_str())?;
                surf::get(url).recv_json().await
            }
            pub(crate) fn get_slug(&self, slug: &str) -> ProqResult<Uri> {
                uri::Builder::new()
                    .scheme("https")
                    .authority(self.host.as_str())
                    .path_and_query(slug)
                    .build()
                    .map_err(ProqError::UrlBuildError)
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /api/v1/labels [self.host] in label_names"]
    );
}

/// A fn whose URL starts with a base it is given (nodotsam's `login(base_url, ..)`, which
/// posts to `{base_url}/api/v1/apps`) makes its request where it is written, even when its
/// caller hands on a base of its own parameters: a base is no path.
#[test]
fn a_base_handed_on_is_no_path() {
    let src = r#"
        impl MastodonClient {
            pub fn new(base_url: impl Into<String>, user_agent: impl Into<String>) -> Result<Self, E> {
                let base_url = base_url.into();
                let access_token = Self::login(base_url.as_str(), user_agent.into().as_str())?;
                Ok(Self { base_url, access_token })
            }
            fn login(base_url: &str, user_agent: &str) -> Result<String, E> {
                let create_app = || -> Result<App, E> {
                    let url = format!(r"{}/api/v1/apps", base_url);
                    let client = reqwest::blocking::Client::builder().user_agent(user_agent).build()?;
                    let response = client.post(url).form(&HashMap::from([("client_name", "x")])).send();
                    Ok(serde_json::from_str(&response?.text()?)?)
                };
                Ok(create_app()?.client_id)
            }
        }"#;
    assert_eq!(
        describe(src),
        ["POST /api/v1/apps [base_url] body=form in login"]
    );
}

/// Path segments handed to a wrapper as a list (mercury-rust's `client.get("/account",
/// vec![id, "cards"], ..)`), which it joins with `/` and writes after the path with a slash
/// when there are any: `/account/{id}/cards`. `vec![]` adds nothing. Before, the joined list
/// was read as a query glued to the path (`GET /api/v1/account` for all three).
#[test]
fn segments_handed_to_a_wrapper_as_a_list() {
    let src = r#"
        impl Client {
            pub async fn get<A, B>(&self, path: &str, param: Vec<&str>, data: B) -> Result<A> {
                self.request(Method::GET, path, param, data).await
            }
            pub async fn request<A, B>(&self, method: Method, path: &str, param: Vec<&str>, data: B) -> Result<A> {
                let mut param = param.iter().map(|s| s.to_string()).collect::<Vec<String>>().join("/");
                if param.len() > 0 {
                    param = format!("/{}", param);
                }
                let uri = format!("https://backend.mercury.com/api/v1{}{}", path, param);
                reqwest::Client::new().request(method, &uri).json(&data).send().await
            }
        }
        impl Account {
            pub async fn list(client: &Client) -> R { client.get("/accounts", vec![], Map::new()).await }
            pub async fn retrieve(client: &Client, id: &str) -> R { client.get("/account", vec![id], Map::new()).await }
            pub async fn cards(client: &Client, id: &str) -> R { client.get("/account", vec![id, "cards"], Map::new()).await }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/v1/accounts [https://backend.mercury.com] body=json in list via get>request",
            "GET /api/v1/account/{id} [https://backend.mercury.com] body=json in retrieve via get>request",
            "GET /api/v1/account/{id}/cards [https://backend.mercury.com] body=json in cards via get>request",
        ]
    );
}

/// A const that two modules define differently, read through `super::` (mikrotik's
/// `const BASE: &str = "rest/interface";` in `interface/mod.rs`, `"rest/ip"` in `ip/mod.rs`,
/// and `format!("{}/wireguard", super::BASE)` in `interface/wireguard.rs`): the parent
/// module's. Before, the name was ambiguous and the path read `/{BASE}/wireguard`.
#[test]
fn a_const_named_through_super_is_the_parent_modules() {
    let scan = scan_sources(&[
        (
            "src/lib.rs",
            r#"pub mod interface; pub mod ip;
pub struct Client { base_url: Url, client: reqwest::Client }
impl Client {
    pub async fn execute_get<T: DeserializeOwned>(&mut self, url: &str) -> Result<T, ClientError> {
        let url = self.base_url.join(url)?;
        let req = Request::new(Method::GET, url);
        Ok(self.client.execute(req).await?.json::<T>().await?)
    }
}"#,
        ),
        (
            "src/interface/mod.rs",
            r#"pub mod wireguard;
const BASE: &str = "rest/interface";
pub async fn list(client: &mut Client) -> R { client.execute_get::<Vec<Interface>>(BASE).await }"#,
        ),
        (
            "src/interface/wireguard.rs",
            r#"pub async fn get(client: &mut Client, wg_id: &str) -> R {
    let url = format!("{}/wireguard/{}", super::BASE, wg_id);
    client.execute_get::<WireguardInterface>(&url).await
}"#,
        ),
        (
            "src/ip/mod.rs",
            r#"const BASE: &str = "rest/ip";
pub async fn list(client: &mut Client) -> R { client.execute_get::<Vec<Address>>(BASE).await }"#,
        ),
    ]);
    let mut described: Vec<String> = scan
        .calls
        .iter()
        .map(|call| match CallUrl::split(&call.url) {
            Ok(url) => format!("{} {} {}", call.method, url.path(), call.file),
            Err(_) => format!("{} unresolved {}", call.method, call.file),
        })
        .collect();
    described.sort();
    assert_eq!(
        described,
        [
            "GET /rest/interface src/interface/mod.rs",
            "GET /rest/interface/wireguard/{wg_id} src/interface/wireguard.rs",
            "GET /rest/ip src/ip/mod.rs",
        ]
    );
}

/// A full URL handed to a one-line GET helper, written on a base the caller was given
/// (graplsub's `api::get(client, &format!("{}/rest/getAlbum?u={}..", conf.base_url, ..))`):
/// the caller's own request, not a path its callers give (the base is no path of theirs).
#[test]
fn a_url_on_a_base_the_caller_was_given() {
    let src = r#"
        pub async fn fetch(client: &Client, url: &str) -> Result<String, Error> {
            let response = client.get(url).timeout(Duration::from_secs(5)).send().await?;
            Ok(response.text().await?)
        }
        pub async fn album(client: &Client, conf: &Config, api_ver: &str, id: &str) -> Result<String, Error> {
            let url = format!("{}/rest/getAlbum?u={}&v={}&id={}", conf.base_url, conf.user, api_ver, id);
            fetch(client, &url).await
        }"#;
    assert_eq!(
        describe(src),
        ["GET /rest/getAlbum [conf.base_url] ?u,v,id in album via fetch"]
    );
}

/// A `macro_rules!` macro whose body is a block of `let`s and `push_str`s (qbittorrent's
/// `push_own!{self.address, "/api/v2/app/version"}`, which calls itself once more on a field):
/// the block's value is the URL. A block written by hand reads the same.
#[test]
fn a_macro_that_expands_to_a_block_building_the_url() {
    let src = r#"
        macro_rules! push_own {
            ($s:ident . $inner:ident, $( $push_val:expr),+) => {
                {
                    let save = &$s.$inner;
                    push_own!{save, $($push_val),+}
                }
            };
            ($s:ident, $( $push_val:expr),+) => {
                {
                    let mut save: String = $s.clone().to_string();
                    $(
                        save.push_str($push_val);
                    )+
                    save
                }
            };
        }
        impl Api {
            pub async fn login(address: &str, username: &str) -> R {
                let addr = push_own!{address, "/api/v2/auth/login", "?username=", username};
                reqwest::Client::new().get(&addr).send().await
            }
            pub async fn version(&self) -> R {
                let addr = push_own! {self.address, "/api/v2/app/version"};
                self.client.get(&addr).send().await
            }
            pub async fn by_hand(&self) -> R {
                let addr = { let mut save: String = self.address.clone(); save.push_str("/api/v2/app/buildInfo"); save };
                self.client.get(&addr).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/v2/auth/login [address] ?username in login",
            "GET /api/v2/app/version [self.address] in version",
            "GET /api/v2/app/buildInfo [self.address] in by_hand",
        ]
    );
}

/// A wrapper that picks `Url::parse_with_params(&url, &params)` or `Url::parse(&url)` by
/// whether it was given a query (coinbase_pro_api's `get_json(endpoint, params)`): either way
/// the path is the caller's, also for a caller whose `Option` is known only at run time.
#[test]
fn a_query_given_or_not_is_no_part_of_the_path() {
    let src = r#"
        impl Client {
            pub async fn trades(&self, product_id: &str, trade_id: Option<u32>) -> R {
                let endpoint = format!("/products/{}/trades", product_id);
                let maybe_params: Option<Params> = trade_id.map(|t| vec![("after".to_owned(), t.to_string())]);
                self.get_json(&endpoint, maybe_params).await
            }
            pub async fn book(&self, product_id: &str) -> R {
                self.get_json(&format!("/products/{}/book", product_id), None).await
            }
            async fn get_json(&self, endpoint: &str, params: Option<Params>) -> R {
                let url_str = self.api_url.to_owned() + endpoint;
                let url = match params {
                    Some(params) => Url::parse_with_params(&url_str, &params).context("url")?,
                    None => Url::parse(&url_str).context("url")?,
                };
                self.http_client.request(Method::GET, url).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /products/{product_id}/trades [self.api_url] in trades via get_json",
            "GET /products/{product_id}/book [self.api_url] in book via get_json",
        ]
    );
}

/// ptvrs's `rq(path)`: the query's separator chosen by an `if` (`"?"`, `""` or `"&"`), and
/// callers whose ids are named for what they identify (`route_id`, `route_type`): an id of a
/// route fills a segment, it is no path the caller's own callers give.
#[test]
fn a_chosen_query_separator_and_ids_named_for_a_route() {
    let src = r#"
        impl Client {
            pub async fn rq<T: DeserializeOwned>(&self, path: String) -> Result<T> {
                let path = format!(
                    "/{path}{}devid={}",
                    {
                        if !path.contains('?') {
                            "?"
                        } else if path.ends_with('?') {
                            ""
                        } else {
                            "&"
                        }
                    },
                    self.devid
                );
                let hash = sign(&path);
                let url = format!("{API_URL}{}&signature={}", path, hash);
                let res = reqwest::get(&url).await?;
                Ok(res.json().await?)
            }
            pub async fn directions_id(&self, direction_id: DirectionId) -> Result<DirectionsResponse> {
                self.rq(format!("v3/directions/{}", direction_id)).await
            }
            pub async fn directions_route(&self, route_id: RouteId) -> Result<DirectionsResponse> {
                self.rq(format!("v3/directions/route/{}", route_id)).await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /v3/directions/{direction_id} [API_URL] ?devid,signature in directions_id via rq",
            "GET /v3/directions/route/{route_id} [API_URL] ?devid,signature in directions_route via rq",
        ]
    );
}

/// A method of a route enum built on its table: `ep.url()` is the base and the table's path
/// for the variant `ep` is, as `self.path()` gives it in `url`.
#[test]
fn a_route_enums_method_built_on_its_table() {
    let src = r#"
        const BASE: &str = "https://api.example.com";
        pub enum Endpoint { Tags, Tag(i32) }
        impl Endpoint {
            fn path(&self) -> String {
                match self {
                    Endpoint::Tags => "/api/tags/".to_string(),
                    Endpoint::Tag(id) => format!("/api/tags/{}/", id),
                }
            }
            fn url(&self) -> String {
                format!("{}{}", BASE, self.path())
            }
        }
        impl Client {
            pub async fn tags(&self) -> reqwest::Result<String> {
                let ep = Endpoint::Tags;
                self.http.get(ep.url()).send().await?.text().await
            }
            pub async fn tag(&self, id: i32) -> reqwest::Result<String> {
                self.http.delete(Endpoint::Tag(id).url()).send().await?.text().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/tags/ [https://api.example.com] in tags",
            "DELETE /api/tags/{id}/ [https://api.example.com] in tag",
        ]
    );
}

/// linkding's client: a route enum whose path is its `From<Endpoint> for String`, reached
/// through `TryInto<Uri>` arms that convert `self`, and whose method is its
/// `From<Endpoint> for http::Method`; the request is built on the base URI with
/// `uri::Builder::from(base).path_and_query(..)` and `.method(endpoint)`.
#[test]
fn a_route_enums_conversions_give_path_and_method() {
    let src = r#"
        pub enum Endpoint { ListTags(Args), GetTag(i32), CreateTag }
        impl TryInto<http::Uri> for Endpoint {
            type Error = Error;
            fn try_into(self) -> Result<http::Uri, Self::Error> {
                match self.clone() {
                    Self::ListTags(args) => {
                        let query_string = args.query_string();
                        let path: String = self.into();
                        http::Uri::try_from(format!("{}?{}", path, query_string)).map_err(Error::InvalidUrl)
                    }
                    Self::GetTag(_) | Self::CreateTag => {
                        let path: String = self.into();
                        http::Uri::try_from(path).map_err(Error::InvalidUrl)
                    }
                }
            }
        }
        impl From<Endpoint> for String {
            fn from(val: Endpoint) -> Self {
                match &val {
                    Endpoint::ListTags(_) | Endpoint::CreateTag => "/api/tags/".to_string(),
                    Endpoint::GetTag(id) => format!("/api/tags/{}/", &id),
                }
            }
        }
        impl From<Endpoint> for http::Method {
            fn from(val: Endpoint) -> Self {
                match val {
                    Endpoint::ListTags(_) => http::Method::GET,
                    Endpoint::GetTag(_) => http::Method::GET,
                    Endpoint::CreateTag => http::Method::POST,
                }
            }
        }
        impl Client {
            fn prepare_request(&self, endpoint: Endpoint) -> Result<http::request::Builder, Error> {
                let uri: http::Uri = self.url.parse()?;
                let path_and_query_uri: http::Uri = endpoint.clone().try_into()?;
                let uri = http::uri::Builder::from(uri)
                    .path_and_query(path_and_query_uri.to_string())
                    .build()
                    .map_err(Error::ParseUrlError)?;
                Ok(http::request::Builder::new().method(endpoint.clone()).uri(uri))
            }
            pub fn list_tags(&self, args: Args) -> Result<Tags, Error> {
                let endpoint = Endpoint::ListTags(args);
                let request = self.prepare_request(endpoint)?.body(())?;
                Ok(ureq::run(request)?.body_mut().read_json()?)
            }
            pub fn get_tag(&self, id: i32) -> Result<Tag, Error> {
                let request = self.prepare_request(Endpoint::GetTag(id))?.body(())?;
                Ok(ureq::run(request)?.body_mut().read_json()?)
            }
            pub fn create_tag(&self, name: &str) -> Result<Tag, Error> {
                let request = self
                    .prepare_request(Endpoint::CreateTag)?
                    .body(serde_json::to_string(&name)?)?;
                Ok(ureq::run(request)?.body_mut().read_json()?)
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/tags/ [self.url] in list_tags via prepare_request",
            "GET /api/tags/{id}/ [self.url] in get_tag via prepare_request",
            "POST /api/tags/ [self.url] body=json in create_tag via prepare_request",
        ]
    );
}

/// beatsaver-rs: a trait's default methods call `self.request(url)`, which calls
/// `self.request_raw(url)`, a method the trait leaves to its impls (a reqwest and a surf
/// backend, both GET). One backend stands for the other, and neither is reported on its own.
/// A path chosen by a `match` inside `BASE.join(..)` gives one call per arm.
#[test]
fn a_trait_method_each_backend_implements() {
    let files = [
        (
            "src/api.rs",
            r#"
            #[async_trait]
            pub trait BeatSaverApiAsync<'a, T: 'a + Error> {
                async fn request_raw(&'a self, url: Url) -> Result<Bytes, ApiError<T>>;
                async fn request(&'a self, url: Url) -> Result<String, ApiError<T>> {
                    let data = self.request_raw(url).await?;
                    Ok(String::from_utf8(data.as_ref().to_vec())?)
                }
                async fn map(&'a self, key: &str) -> Result<Map, ApiError<T>> {
                    let url = BEATSAVER_URL.join(format!("api/maps/detail/{}", key).as_str()).unwrap();
                    let data = self.request(url.clone()).await?;
                    Ok(serde_json::from_str(data.as_str())?)
                }
                async fn download(&'a self, id: MapId) -> Result<Bytes, ApiError<T>> {
                    let url = BEATSAVER_URL
                        .join(
                            match id {
                                MapId::Key(k) => format!("api/download/key/{:x}", k),
                                MapId::Hash(h) => format!("api/download/hash/{}", h),
                            }
                            .as_str(),
                        )
                        .unwrap();
                    Ok(self.request_raw(url.clone()).await?)
                }
            }
            "#,
        ),
        (
            "src/reqwest_client.rs",
            r#"
            #[async_trait]
            impl<'a> BeatSaverApiAsync<'a, reqwest::Error> for BeatSaverReqwest {
                async fn request_raw(&'a self, url: Url) -> Result<Bytes, ApiError<reqwest::Error>> {
                    let resp = self.client.get(url).send().await?;
                    Ok(resp.bytes().await?)
                }
            }
            "#,
        ),
        (
            "src/surf_client.rs",
            r#"
            #[async_trait]
            impl<'a> BeatSaverApiAsync<'a, SurfError> for BeatSaverSurf {
                async fn request_raw(&'a self, url: Url) -> Result<Bytes, ApiError<SurfError>> {
                    let mut resp = self.client.get(url).await?;
                    Ok(resp.body_bytes().await?.into())
                }
            }
            "#,
        ),
        (
            "src/lib.rs",
            r#"
            lazy_static! {
                pub static ref BEATSAVER_URL: Url = Url::parse("https://beatsaver.com/").unwrap();
            }
            "#,
        ),
    ];
    let scan = scan_sources(&files);
    let calls: Vec<String> = scan
        .calls
        .iter()
        .map(|c| {
            let url = CallUrl::split(&c.url).expect("a URL");
            format!(
                "{} {} in {} via {}",
                c.method,
                url.path(),
                c.function,
                c.via.join(">")
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            "GET /api/maps/detail/{key} in map via request>request_raw",
            "GET /api/download/key/{k} in download via request_raw",
            "GET /api/download/hash/{h} in download via request_raw",
        ]
    );
}

/// openweather: the `http_req` crate's `request::get(url, &mut buffer)`, the URL built by
/// `push_str` on a base and `Url::parse_with_params`.
#[test]
fn http_req_one_call_requests() {
    let src = r#"
        static API_BASE: &str = "https://api.openweathermap.org/data/2.5/";
        fn get<T: DeserializeOwned>(url: &str) -> Result<T, ErrorReport> {
            let mut res = Vec::new();
            let status = http_req::request::get(url, &mut res).unwrap();
            Ok(serde_json::from_slice(&res)?)
        }
        pub fn get_uvi(key: &str) -> Result<Uvi, ErrorReport> {
            let mut base = String::from(API_BASE);
            base.push_str("uvi");
            let url = Url::parse_with_params(&base, &[("appid", key)]).unwrap();
            get(&url.as_str())
        }
        pub fn post_station(key: &str, body: &[u8]) -> Result<(), Error> {
            let mut writer = Vec::new();
            request::post(format!("{}stations?appid={}", API_BASE, key), body, &mut writer)?;
            Ok(())
        }
        pub fn lookup(map: &Cache, key: &str) -> Option<String> {
            request::get("/users", map)
        }"#;
    assert_eq!(
        describe(src),
        [
            "POST /data/2.5/stations [https://api.openweathermap.org] ?appid in post_station",
            "GET /data/2.5/uvi [https://api.openweathermap.org] in get_uvi via get",
        ]
    );
}

/// gandi-live-dns: the URL is a method of a struct written as a literal where it is used
/// (`GandiAPI { base_url, fqdn: &fqdn, .. }.url()`), reading the literal's fields; `run` is
/// given its base by `main`, which says where the API is, not which path: one call, in `run`.
#[test]
fn a_struct_literals_url_method_and_a_base_given_by_the_caller() {
    let src = r#"
        pub(crate) struct GandiAPI<'t> {
            pub(crate) base_url: &'t str,
            pub(crate) fqdn: &'t str,
            pub(crate) rrset_name: &'t str,
        }
        impl<'t> GandiAPI<'t> {
            pub(crate) fn url(&self) -> String {
                format!("{}/v5/livedns/domains/{}/records/{}", self.base_url, self.fqdn, self.rrset_name)
            }
        }
        async fn run(base_url: &str, conf: Config) -> anyhow::Result<()> {
            let client = reqwest::Client::new();
            for entry in &conf.entry {
                let fqdn = conf.fqdn(entry);
                let url = GandiAPI { fqdn: &fqdn, rrset_name: &entry.name, base_url }.url();
                let req = client.put(url).json(&payload);
                req.send().await?;
            }
            Ok(())
        }
        async fn main() -> anyhow::Result<()> {
            run("https://api.gandi.net", opts).await
        }"#;
    assert_eq!(
        describe(src),
        ["PUT /v5/livedns/domains/{fqdn}/records/{rrset_name} [base_url] body=json in run"]
    );
}

/// companies-house streaming: `operation.endpoint()` of a generic parameter, where the
/// trait's default `endpoint` returns `Self::ENDPOINT_PATH`: one call per implementing type,
/// reported at its const.
#[test]
fn a_trait_default_method_returning_each_types_const() {
    let files = [
        (
            "src/operation.rs",
            r#"
            pub trait StreamingOperation {
                const ENDPOINT_PATH: &'static str;
                type Data: DeserializeOwned;
                fn endpoint(&self) -> &'static str {
                    Self::ENDPOINT_PATH
                }
            }
            pub struct StreamCompanies;
            impl StreamingOperation for StreamCompanies {
                const ENDPOINT_PATH: &'static str = "/companies";
                type Data = CompanyProfile;
            }
            pub struct StreamFilings;
            impl StreamingOperation for StreamFilings {
                const ENDPOINT_PATH: &'static str = "/filings";
                type Data = Filing;
            }
            "#,
        ),
        (
            "src/client.rs",
            r#"
            const STREAMING_BASE_URL: &str = "https://stream.companieshouse.gov.uk";
            impl StreamingClient {
                pub async fn stream<O: StreamingOperation>(&self, operation: O) -> Result<Connection<O>, Error> {
                    let request = reqwest::Client::new()
                        .get(format!("{}{}", STREAMING_BASE_URL, operation.endpoint()))
                        .basic_auth(&self.api_key, Option::<&str>::None);
                    Ok(Connection::new(request.send().await?))
                }
            }
            "#,
        ),
    ];
    let scan = scan_sources(&files);
    let calls: Vec<String> = scan
        .calls
        .iter()
        .map(|c| {
            let url = CallUrl::split(&c.url).expect("a URL");
            let file = std::path::Path::new(&c.file)
                .file_name()
                .expect("a file name")
                .to_string_lossy();
            format!("{} {} at {}:{}", c.method, url.path(), file, c.line)
        })
        .collect();
    assert_eq!(
        calls,
        [
            "GET /companies at operation.rs:11",
            "GET /filings at operation.rs:16"
        ]
    );
}

/// mini_openai: one inherent `impl ClientImpl` per HTTP stack, each under its own `#[cfg]`
/// (ureq's `post(..).send_string(..)`, reqwest's `post(..).body(..).send()`), called through a
/// field (`self.inner.do_request(url, body)`): one stands for the other, as cfg twins.
#[test]
fn inherent_impls_under_their_own_cfg_are_twins() {
    let src = r#"
        #[cfg(feature = "ureq")]
        struct ClientImpl { client: ureq::Agent }
        #[cfg(feature = "ureq")]
        impl ClientImpl {
            fn do_request(&self, url: String, body: String) -> Result<String, Error> {
                let response = self.client.post(&url).set("Content-Type", "application/json").send_string(&body)?;
                Ok(response.into_string()?)
            }
        }
        #[cfg(feature = "reqwest")]
        struct ClientImpl { client: reqwest::Client }
        #[cfg(feature = "reqwest")]
        impl ClientImpl {
            async fn do_request(&self, url: String, body: String) -> Result<String, Error> {
                Ok(self.client.post(url).body(body).send().await?.text().await?)
            }
        }
        pub struct Client { inner: ClientImpl, base_uri: String }
        impl Client {
            pub async fn embeddings(&self, request: &Embeddings) -> Result<String, Error> {
                let url = format!("{}/embeddings", self.base_uri);
                let body = serde_json::to_string(request)?;
                self.inner.do_request(url, body).await
            }
        }"#;
    assert_eq!(
        describe(src),
        ["POST /embeddings [self.base_uri] body=raw in embeddings via do_request"]
    );
}

/// openai-req: two traits each ask their impls for an `ENDPOINT` and send it from a default
/// method (`JsonRequest::run` POSTs, `DownloadRequest::download` GETs `ENDPOINT + id +
/// SUFFIX`): each type's const goes with its own trait's request, and the type's `SUFFIX` (or
/// the trait's default) fills its place.
#[test]
fn each_traits_consts_go_with_its_own_request() {
    let src = r#"
        #[async_trait]
        pub trait JsonRequest<TRes: DeserializeOwned>: Serialize + Sized + Sync {
            const ENDPOINT: &'static str;
            async fn run(&self, client: &OpenAiClient) -> Result<TRes> {
                let final_url = client.url.to_owned() + Self::ENDPOINT;
                let res = client.client.post(final_url).json(self).send().await?;
                process_response::<TRes>(res).await
            }
        }
        #[async_trait(?Send)]
        pub trait DownloadRequest: WithRefId<str> {
            const ENDPOINT: &'static str;
            const SUFFIX: &'static str = "";
            async fn download(&self, client: &OpenAiClient) -> Result<Bytes> {
                let final_url = client.url.to_owned() + Self::ENDPOINT + self.id() + Self::SUFFIX;
                let res = client.client.get(final_url).send().await?;
                Ok(res.bytes().await?)
            }
        }
        impl JsonRequest<ChatSuccess> for ChatRequest {
            const ENDPOINT: &'static str = "/chat/completions";
        }
        impl DownloadRequest for FileDownloadRequest {
            const ENDPOINT: &'static str = "/files/";
            const SUFFIX: &'static str = "/content";
        }
        impl DownloadRequest for ImageDownloadRequest {
            const ENDPOINT: &'static str = "/images/";
        }"#;
    assert_eq!(
        describe(src),
        [
            "POST /chat/completions [client.url] in ChatRequest::ENDPOINT via run",
            "GET /files/{id}/content [client.url] in FileDownloadRequest::ENDPOINT via download",
            "GET /images/{id} [client.url] in ImageDownloadRequest::ENDPOINT via download",
        ]
    );
}

/// d-id: the crate's own request builder, made and built in one chain
/// (`ClientBuilder::new()?.method(GET)?.path(..)?.header(..)?.build()?`), the method a const of
/// the crate; the built client sends later; the builder may be made in a statement of its own
/// (`let cb = ClientBuilder::new()?; cb.path(P)?.method(GET)?..build()?`). An `httpmock`
/// expectation (`when.method(GET).path("/hello")`, not made by a constructor, never built) is
/// no request.
#[test]
fn a_crates_own_request_builder_built_in_one_chain() {
    let src = r#"
        pub const GET: &str = "GET";
        pub const POST: &str = "POST";
        const CLIPS_PATH: &str = "/clips";
        pub async fn get_clip(id: &str) -> Result<Clip> {
            let c = ClientBuilder::new()?
                .method(GET)?
                .path(&format!("{}/{}", CLIPS_PATH, id))?
                .header(CONTENT_TYPE, APPLICATION_JSON)?
                .build()?;
            let resp = c.send_request(Empty::<Bytes>::new()).await?;
            Ok(serde_json::from_slice(&resp)?)
        }
        pub async fn create(body: &ClipRequestBody) -> Result<Clip> {
            let c = ClientBuilder::new()?.method(POST)?.path(CLIPS_PATH)?.build()?;
            let resp = c.send_request(Full::new(Bytes::from(serde_json::to_string(body)?))).await?;
            Ok(serde_json::from_slice(&resp)?)
        }
        // elevenlabs_rs: the builder made in a statement of its own.
        pub async fn get_models() -> Result<Vec<Model>> {
            let cb = ClientBuilder::new()?;
            let c = cb
                .path(MODELS_PATH)?
                .method(GET)?
                .header("ACCEPT", "application/json")?
                .build()?;
            let data = c.send_request(Empty::<Bytes>::new()).await?;
            Ok(serde_json::from_slice(&data)?)
        }
        const MODELS_PATH: &str = "/models";
        // The method a const of the file whose name is no method's (sic).
        const DELTE: &str = "DELETE";
        pub async fn delete_model(id: &str) -> Result<()> {
            let path = format!("/models/{}", id);
            let cb = ClientBuilder::new()?;
            let c = cb.path(&path)?.method(DELTE)?.build()?;
            c.send_request(Empty::<Bytes>::new()).await?;
            Ok(())
        }
        fn mock(server: &MockServer) {
            server.mock(|when, then| {
                when.method(GET).path("/hello");
                then.status(200);
            });
        }
        fn mock_held(server: &MockServer) {
            server.mock(|when, then| {
                let w = when;
                w.method(GET).path("/hello");
                then.status(200);
            });
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /clips/{id} in get_clip",
            "POST /clips in create",
            "GET /models in get_models",
            "DELETE /models/{id} in delete_model"
        ]
    );
}

/// nasa-rs: a trait's default method sends `SPEC::build_query(params)`, `SPEC` a type
/// parameter bound by a trait whose impls each build their URL from their own `BASE_URL`: one
/// call per impl, where its text is written. A type of the crate calling its own associated fn
/// is no type parameter.
#[test]
fn a_generic_types_associated_fn_gives_each_impls_url() {
    let src = r#"
        pub trait Spec {
            const BASE_URL: &'static str;
            type Params;
            fn build_query(params: &Self::Params) -> String;
        }
        pub trait ClientHandler<SPEC: Spec> where Self: Default {
            fn query(&self, params: &SPEC::Params) -> Result<serde_json::Value, Error> {
                let url = SPEC::build_query(params);
                let response = reqwest::blocking::Client::new().get(&url).send()?;
                Ok(response.json()?)
            }
        }
        impl Spec for Apod {
            const BASE_URL: &'static str = "https://api.nasa.gov/planetary/apod?";
            type Params = Params;
            fn build_query(params: &Self::Params) -> String {
                let mut url = String::from(Self::BASE_URL);
                url.push_str(&map_to_query(params.values()));
                url
            }
        }
        impl Spec for Gst {
            const BASE_URL: &'static str = "https://api.nasa.gov/DONKI/GST";
            type Params = Params;
            fn build_query(params: &Self::Params) -> String {
                let mut url = Self::BASE_URL.to_string();
                url.push_str("?");
                url.push_str(&map_to_query(params.values()));
                url
            }
        }"#;
    let calls = routelint::source::extract_from_str(src, "case.rs").expect("parses");
    let found: Vec<String> = calls
        .iter()
        .map(|c| {
            let url = CallUrl::split(&c.url).expect("a URL");
            format!(
                "{} {} at {} in {}",
                c.method,
                url.path(),
                c.line,
                c.function
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "GET /planetary/apod at 15 in Apod::build_query",
            "GET /DONKI/GST at 24 in Gst::build_query",
        ]
    );
}

/// Where one impl cannot stand for the others, none is read for them: impls of a trait's
/// `send` with different methods (both are reported, unresolved), an unrelated `path()` of a
/// type beside a trait's `Self::PATH` getter; and a trait's default method asking each type for
/// its own path (`self.path()`) stays unresolved.
#[test]
fn impls_that_differ_do_not_stand_for_each_other() {
    let src = r#"
        const BASE: &str = "https://api.example.com";
        trait Endpoint {
            fn path(&self) -> String;
            fn fetch(&self, c: &Client) -> Result<Response> {
                c.http.get(format!("{BASE}{}", self.path())).send()
            }
        }
        impl Endpoint for Users { fn path(&self) -> String { "/users".into() } }
        impl Endpoint for Posts { fn path(&self) -> String { "/posts".into() } }

        trait Sender {
            fn send(&self, url: String) -> Result<Response>;
            fn users(&self) -> Result<Response> { self.send(format!("{BASE}/users")) }
        }
        impl Sender for Reader { fn send(&self, url: String) -> Result<Response> { self.client.get(url).send() } }
        impl Sender for Writer { fn send(&self, url: String) -> Result<Response> { self.client.post(url).send() } }

        trait Op { const PATH: &'static str; fn path(&self) -> &'static str { Self::PATH } }
        impl Op for A { const PATH: &'static str = "/a"; }
        impl Req { fn path(&self) -> String { self.0.clone() } }
        fn get_req(c: &Client, r: &Req) -> Result<Response> {
            c.http.get(format!("{BASE}{}", r.path())).send()
        }
"#;
    let found = describe(src);
    // Each wrong reading the rules gave before they were narrowed.
    for wrong in ["GET /users", "via get_req", "in users via send"] {
        assert!(
            !found.iter().any(|f| f.contains(wrong)),
            "{wrong} in {found:?}"
        );
    }
}

/// A route table's arm that uses the whole value (`self.path()` inside `match self`): the
/// variant `self` is, looked up in the other table.
#[test]
fn a_route_tables_arm_using_the_whole_value() {
    let src = r#"
        pub enum Route { Users, User(u32) }
        impl Route {
            fn path(&self) -> &'static str {
                match self {
                    Route::Users => "/users",
                    Route::User(_) => "/user",
                }
            }
            fn uri(&self) -> String {
                match self {
                    Route::Users => format!("{}/list", self.path()),
                    Route::User(id) => format!("{}/{}", self.path(), id),
                }
            }
        }
        impl Client {
            pub async fn user(&self, id: u32) -> reqwest::Result<String> {
                self.http.get(Route::User(id).uri()).send().await?.text().await
            }
        }"#;
    assert_eq!(describe(src), ["GET /user/{id} in user"]);
}

/// InfluxDBClient-rs's `build_url(key, param)`: the host joined with a key, then an `if let`
/// whose arms give the same URL with a query or without: a helper returning that path.
#[test]
fn a_helper_whose_if_arms_give_the_same_url() {
    let src = r#"
        impl Client {
            fn build_url(&self, key: &str, param: Option<Vec<(&str, &str)>>) -> Url {
                let url = self.host.join(key).unwrap();
                let url = Url::parse_with_params(url.as_str(), vec![("u", &self.user)]).unwrap();
                if let Some(param) = param {
                    Url::parse_with_params(url.as_str(), param).unwrap()
                } else {
                    url
                }
            }
            pub async fn write_points(&self, line: String) -> Result<(), Error> {
                let url = self.build_url("write", Some(vec![("db", self.db.as_str())]));
                self.client.post(url).body(line).send().await?;
                Ok(())
            }
        }"#;
    assert_eq!(
        describe(src),
        ["POST /write [self.host] body=raw in write_points"]
    );
}

/// pb-async: `get(target)` hands its `target` on to `request(target, .., Method::GET, |b| b)`,
/// which builds the request inside a closure's argument: a parameter named for the target of
/// a request is a path its callers give.
#[test]
fn a_target_handed_on_is_a_path() {
    let src = r#"
        const API_ROOT: &str = "https://api.pushbullet.com/v2/";
        impl Client {
            pub fn get_user(&self) -> impl Future<Item = User, Error = RequestError> {
                self.get("users/me").and_then(|(bytes, data)| serde_json::from_value(data))
            }
            fn get(&self, target: &'static str) -> impl Future<Item = (Bytes, Value), Error = RequestError> {
                self.request(target, hyper::Body::empty(), http::Method::GET, |b| b)
            }
            fn request(&self, target: &'static str, body: hyper::Body, method: http::Method, extra: impl FnOnce(&mut Builder) -> &mut Builder) -> impl Future<Item = (Bytes, Value), Error = RequestError> {
                let request = extra(
                    hyper::Request::builder()
                        .method(method)
                        .uri(format!("{}{}", API_ROOT, target))
                        .header(TOKEN_HEADER, self.token.clone()),
                ).body(body).expect("well-formed");
                self.client.request(request)
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /v2/users/me [https://api.pushbullet.com] in get_user via get>request"]
    );
}

/// opsgenie-client: an API struct per resource holds the client in a tuple field and calls
/// its wrapper as `self.0.get(path, query)`.
#[test]
fn a_wrapper_called_on_a_tuple_field() {
    let src = r#"
        pub struct OpsgenieClient { base_url: Url, client: reqwest::Client }
        impl OpsgenieClient {
            pub(crate) async fn get<T: Serialize, R: DeserializeOwned>(&self, path: &str, query: &T) -> Result<R> {
                let url = self.url(path);
                let request = self.client.get(url).query(query);
                self.perform_request(request).await
            }
            fn url(&self, path: &str) -> url::Url {
                self.base_url.join(path).unwrap_or_else(|err| panic!("Invalid path: {path}: {err}"))
            }
        }
        pub struct AlertApi<'a>(pub(crate) &'a crate::OpsgenieClient);
        impl<'a> AlertApi<'a> {
            pub async fn count(&self, query: String) -> Result<Count> {
                self.0.get("alerts/count", &[("query", query)]).await
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /alerts/count [self.base_url] in count via get"]
    );
}

/// entrez-rs: a trait's default method sends what `self.build_url()` gives, and each type's
/// impl builds its own URL: one request per impl, where that impl writes its URL.
#[test]
fn a_trait_default_sending_what_each_impl_builds() {
    let src = r#"
        const BASE: &str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";
        pub trait Eutils {
            fn build_url(&self) -> String;
            fn run(&self) -> Result<String, reqwest::Error> {
                let url = self.build_url();
                reqwest::blocking::get(&url)?.text()
            }
        }
        impl<'a> Eutils for ESearch<'a> {
            fn build_url(&self) -> String {
                let mut url_str = format!("{}esearch.fcgi?", BASE);
                url_str.push_str(&(format!("db={}", self.db)));
                url_str
            }
        }
        impl<'a> Eutils for EFetch<'a> {
            fn build_url(&self) -> String {
                format!("{}efetch.fcgi?db={}", BASE, self.db)
            }
        }
        impl Other for EPost {
            fn build_url(&self) -> String { format!("{}epost.fcgi", BASE) }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /entrez/eutils/esearch.fcgi [https://eutils.ncbi.nlm.nih.gov] ?db in ESearch::build_url via run",
            "GET /entrez/eutils/efetch.fcgi [https://eutils.ncbi.nlm.nih.gov] ?db in EFetch::build_url via run",
        ]
    );
}

/// The `curl` crate's easy handle: set up statement by statement, sent by `perform()`; its
/// method is what the setters say (a body alone makes a POST, nothing a GET).
#[test]
fn curl_easy_handles() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"fn create(body: &[u8]) -> Result<(), curl::Error> {
                let mut easy = Easy::new();
                easy.url("https://api.example.com/v1/users")?;
                easy.post(true)?;
                easy.post_fields_copy(body)?;
                easy.perform()
            }"#,
            &["POST /v1/users [https://api.example.com] in create"],
        ),
        (
            r#"fn list(id: u32) { let mut h = curl::easy::Easy::new(); h.url(&format!("https://api.example.com/v1/users/{}", id)).unwrap(); h.perform().unwrap(); }"#,
            &["GET /v1/users/{id} [https://api.example.com] in list"],
        ),
        (
            r#"fn send(body: &[u8]) { let mut h = Easy::new(); h.post_fields_copy(body).unwrap(); h.url("https://api.example.com/v1/jobs").unwrap(); h.perform().unwrap(); }"#,
            &["POST /v1/jobs [https://api.example.com] in send"],
        ),
        (
            r#"fn remove() { let mut h = Easy::new(); h.custom_request("DELETE").unwrap(); h.url("https://api.example.com/v1/jobs/7").unwrap(); h.perform().unwrap(); }"#,
            &["DELETE /v1/jobs/7 [https://api.example.com] in remove"],
        ),
        // Not a curl handle: a type of the crate's own with a `url` and a `perform`.
        (
            r#"fn run() { let mut job = Job::new(); job.url("https://api.example.com/v1/jobs").unwrap(); job.perform().unwrap(); }"#,
            &[],
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(describe(src), *expected, "{src}");
    }
}

/// TradeRS: a curl helper whose method setter stands in the arm of a `match` on its parameter
/// (`RequestType::Post => easy.post(true)?`); its callers say which, through a mutex-held
/// manager (`self.req_manager.lock().unwrap().get(url, ..)`). (Called there with a literal
/// URL, `get` would be read as a request of its own: the manager's `get` makes its request
/// through another wrapper, which is known only after that reading is made.)
#[test]
fn curl_method_chosen_by_the_callers_variant() {
    let src = r#"
        pub struct RequestManager { log: File }
        enum RequestType { Get, Post }
        impl RequestManager {
            pub fn post(&mut self, url: &str, content: Value) -> Result<String, RequestError> {
                curl(url, content, RequestType::Post)
            }
            pub fn get(&mut self, url: &str) -> Result<String, RequestError> {
                curl(url, Value::Null, RequestType::Get)
            }
        }
        fn curl(url: &str, content: Value, req_type: RequestType) -> Result<String, RequestError> {
            let mut easy = Easy2::new(Collector(Vec::new()));
            match req_type {
                RequestType::Get => easy.get(true)?,
                RequestType::Post => easy.post(true)?,
            }
            easy.url(url)?;
            easy.perform()?;
            Ok(String::new())
        }
        pub struct Api { token: String, req_manager: Arc<Mutex<RequestManager>> }
        impl Api {
            pub fn agent(&self) -> Result<Value, ApiError> {
                self.get_and_parse("https://api.spacetraders.io/v2/my/agent")
            }
            fn get_and_parse(&self, url: &str) -> Result<Value, ApiError> {
                let res = self.req_manager.lock().unwrap().get(url)?;
                Ok(serde_json::from_str::<Value>(&res)?)
            }
            pub fn dock(&self, ship: &str) -> Result<Value, ApiError> {
                let url = format!("https://api.spacetraders.io/v2/my/ships/{}/dock", ship);
                self.req_manager.lock().unwrap().post(&url, Value::Null)?;
                Ok(Value::Null)
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /v2/my/agent [https://api.spacetraders.io] in agent via get_and_parse>get>curl",
            "POST /v2/my/ships/{ship}/dock [https://api.spacetraders.io] in dock via post>curl",
        ]
    );
}

/// Mammut: macros of the crate make each method inside the `doc_comment` crate's macro
/// (`doc_comment! { concat!("Equivalent to ..", $url), pub fn $name(&self) { .. } }`) and call
/// themselves on the rest of their table; each request is reported at its entry of the table,
/// where the macro call writes its verb.
#[test]
fn methods_a_macro_writes_inside_doc_comment() {
    let src = r#"
        macro_rules! paged_routes {
            (($method:ident) $name:ident: $url:expr => $ret:ty, $($rest:tt)*) => {
                doc_comment! {
                    concat!("Equivalent to `/api/v1/", $url, "`"),
                    pub fn $name(&self) -> Result<Page<$ret>> {
                        let url = self.route(concat!("/api/v1/", $url));
                        let response = self.client.$method(&url).headers(self.headers.clone()).send()?;
                        Page::new(self, response)
                    }
                }
                paged_routes!{$($rest)*}
            };
            () => {}
        }
        impl Mastodon {
            fn route(&self, url: &str) -> String {
                let mut s = (*self.base).to_owned();
                s += url;
                s
            }
            paged_routes! {
                (get) favourites: "favourites" => Status,
                (get) blocks: "blocks" => Account,
            }
        }"#;
    let calls = extract_from_str(src, "lib.rs").expect("parses");
    let found: Vec<(usize, String)> = calls
        .iter()
        .map(|c| {
            let url = CallUrl::split(&c.url).expect("splits");
            (c.line, format!("{} {}", c.method, url.path()))
        })
        .collect();
    assert_eq!(
        found,
        [
            (23, "GET /api/v1/favourites".to_string()),
            (24, "GET /api/v1/blocks".to_string())
        ]
    );
}

/// rabbitmq-management-client: a hole is named after the value an `Option` gives
/// (`vhost.unwrap_or_default()` is `{vhost}`), not after the method that unwraps it.
#[test]
fn a_hole_named_after_the_option_it_unwraps() {
    let src = r#"
        impl BindingApi for RabbitMqClient {
            async fn list_bindings(&self, vhost: Option<String>) -> Result<Vec<Binding>, Error> {
                let response = self
                    .client
                    .request(
                        reqwest::Method::GET,
                        format!("{}/api/bindings/{}", self.api_url, vhost.unwrap_or_default()),
                    )
                    .send()
                    .await?;
                handle_response(response).await
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /api/bindings/{vhost} [self.api_url] in list_bindings"]
    );
}

/// netatmo-rs: two client types each have a `call(url, params)` wrapper; a fn given `client:
/// &AuthenticatedClient` calls that type's, though the receiver's name fits both.
#[test]
fn a_parameters_type_picks_its_wrapper() {
    let src = r#"
        impl<'a> UnauthenticatedClient<'a> {
            pub(crate) fn call<T>(&self, url: &str, params: &HashMap<&str, &str>) -> Result<T> {
                api_call(&self.http, url, params)
            }
        }
        impl AuthenticatedClient {
            pub(crate) fn call<'a, T>(&'a self, url: &str, params: &mut HashMap<&str, &'a str>) -> Result<T> {
                params.insert("access_token", &self.token.access_token);
                api_call(&self.http, url, params)
            }
        }
        fn api_call<T>(http: &reqwest::Client, url: &str, params: &HashMap<&str, &str>) -> Result<T> {
            let res = http.post(url).form(&params).send()?;
            Ok(res.json()?)
        }
        pub(crate) fn get_home_status(client: &AuthenticatedClient, parameters: &Parameters) -> Result<HomeStatus> {
            let mut params = parameters.into();
            client.call("https://api.netatmo.com/api/homestatus", &mut params)
        }
        pub(crate) fn get_token(client: &UnauthenticatedClient, user: &str) -> Result<Token> {
            let params = token_params(user);
            client.call("https://api.netatmo.com/oauth2/token", &params)
        }"#;
    assert_eq!(
        describe(src),
        [
            "POST /api/homestatus [https://api.netatmo.com] body=form in get_home_status via call>api_call",
            "POST /oauth2/token [https://api.netatmo.com] body=form in get_token via call>api_call",
        ]
    );
}

/// DSS: `let this = self.clone();` moved into a thread's closure: a method called on `this`
/// is one of `self`'s, a wrapper of the crate.
#[test]
fn a_copy_of_self_calls_selfs_wrapper() {
    let src = r#"
        impl Dss {
            pub fn generic_request<S: Into<String>>(&self, request: S, retries: usize) -> Result<Value> {
                let request = request.into();
                let url = format!("https://{}:8080/json/{}", self.addr, request);
                let res = self.client.get(&url).send()?;
                Ok(res.json()?)
            }
            pub fn listen(&self) {
                let this = self.clone();
                std::thread::spawn(move || loop {
                    let res = this.generic_request("event/get", 2);
                });
            }
        }"#;
    assert_eq!(
        describe(src),
        ["GET /json/event/get [https://{self.addr}:8080] in listen via generic_request"]
    );
}

/// A fn whose URL starts with a hole named for a whole URL and goes on with a path of its own
/// (atlassian-rest-rust's `get_page(url, token, id)`, `format!("{url}/rest/api/content/{id}")`)
/// makes its request where it is written, even when a caller hands on its own base and an id:
/// the URL is that base, as `{base_url}` would be. A caller passing a path still makes the
/// call its own.
#[test]
fn a_url_hole_with_a_path_after_it_is_a_base() {
    let src = r#"
        pub async fn get_page(url: &str, token: String, id: String) -> Content {
            let request_url = format!("{url}/rest/api/content/{id}?expand=body.storage.value");
            let client = reqwest::Client::new();
            let resp = client.get(&request_url).send().await.unwrap();
            serde_json::from_str(&resp.text().await.unwrap()).unwrap()
        }
        pub async fn copy_page(conf_url: &str, token: &str, page_id: String) -> String {
            let page = get_page(conf_url, token.to_string(), page_id).await;
            page.id
        }
        pub async fn fetch(url: &str) -> String {
            reqwest::get(format!("{url}/json")).await.unwrap().text().await.unwrap()
        }
        pub async fn status() -> String {
            fetch("https://example.com/api/status").await
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /rest/api/content/{id} [url] ?expand in get_page",
            "GET /api/status/json [https://example.com] in status via fetch",
        ]
    );
}

/// URLs kept in lazily made statics (cadmium-yellow's `lazy_static! { static ref STATIONS_URL:
/// String = format!("{API_URL_BASE}/stations"); }`, once_cell's `Lazy::new(|| ..)`,
/// `std::sync::LazyLock`) are known like consts. One made of a runtime value is not.
#[test]
fn urls_in_lazily_made_statics() {
    let src = r#"
        const API_URL_BASE: &str = "https://metro.example.org/api";
        lazy_static::lazy_static! {
            static ref STATIONS_URL: String = format!("{API_URL_BASE}/stations");
            #[doc = "platforms"]
            pub static ref PLATFORMS_URL: String = format!("{}/stations/platforms", API_URL_BASE);
        }
        static LINES: once_cell::sync::Lazy<String> = Lazy::new(|| "https://metro.example.org/api/lines".to_string());
        static TIMES: LazyLock<String> = LazyLock::new(|| { String::from("https://metro.example.org/api/times") });
        static HOME: LazyLock<String> = LazyLock::new(|| std::env::var("HOME").unwrap());
        impl Client {
            async fn stations(&self) -> R { self.client.get(STATIONS_URL.clone()).send().await }
            async fn platforms(&self) -> R { self.client.get(&*PLATFORMS_URL).send().await }
            async fn lines(&self) -> R { self.client.get(LINES.as_str()).send().await }
            async fn times(&self) -> R { self.client.get(TIMES.clone()).send().await }
            async fn home(&self) -> R { self.client.get(HOME.clone()).send().await }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /api/stations [https://metro.example.org] in stations",
            "GET /api/stations/platforms [https://metro.example.org] in platforms",
            "GET /api/lines [https://metro.example.org] in lines",
            "GET /api/times [https://metro.example.org] in times",
            "GET unresolved in home",
        ]
    );
}

/// A path made only of holes is read when there are several and each is named for one
/// resource's id (uk-police-api's `format!("{}/{}/{}", self.base_url, force_id,
/// neighbourhood_id)`): the number of segments is the route's shape. One hole, or a hole named
/// for something else (a collection, a path), says nothing checkable.
#[test]
fn a_path_of_id_holes_only() {
    let src = r#"
        impl Client {
            async fn neighbourhood(&self, force_id: &str, neighbourhood_id: &str) -> R {
                let url = format!("{}/{}/{}", self.base_url, force_id, neighbourhood_id);
                self.http.get(&url).send().await
            }
            async fn item(&self, collection: &str, itemId: &str) -> R {
                let url = format!("{}/{}/{}", self.base_url, collection, itemId);
                self.http.get(&url).send().await
            }
            async fn one(&self, id: &str) -> R {
                let url = format!("{}/{}", self.base_url, id);
                self.http.get(&url).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /{force_id}/{neighbourhood_id} [self.base_url] in neighbourhood",
            "GET unresolved in item",
            "GET unresolved in one",
        ]
    );
}

/// A `match` whose arms each give a tuple of method, path and body, destructured by a `let`
/// and handed to a wrapper (hedgehog-rs's `let (method, endpoint, body) = match
/// request.request { .. => (Method::POST, "capture".to_string(), body), .. }`): one request per
/// arm that gives a path, reported where the arm gives it. An arm handing a runtime endpoint
/// through gives none.
#[test]
fn tuples_a_match_gives_per_arm() {
    let src = r#"
        impl Worker {
            async fn handle_request(&self, request: QueuedRequest) {
                let (method, endpoint, body) = match request.request {
                    PosthogRequest::CaptureEvent { body } => (Method::POST, "capture".to_string(), body),
                    PosthogRequest::GetFlags { api_key } => (
                        Method::GET,
                        format!("api/flags?api_key={}", api_key),
                        Value::Null,
                    ),
                    PosthogRequest::Other { method, endpoint, json } => (method, endpoint, json),
                };
                let response = self.send_request(method, endpoint, body).await;
            }
            async fn send_request(&self, method: Method, endpoint: impl Into<String>, json: Value) -> R {
                self.client
                    .request(method, &format!("{}/{}", self.base_url, endpoint.into()))
                    .json(&json)
                    .send()
                    .await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "POST /capture [self.base_url] body=json in handle_request via send_request",
            "GET /api/flags [self.base_url] ?api_key body=json in handle_request via send_request",
        ]
    );
    let scan = scan_sources(&[("src/lib.rs", src)]);
    let lines: Vec<usize> = scan.calls.iter().map(|c| c.line).collect();
    assert_eq!(lines, [5, 7], "each where its arm gives its method");
}

/// A URL a constructor stores in a field, with parameters that each fill one segment of a
/// written path (cloudflare-workers-kv-sdk-rs's `url: format!("{}{}{}{}", CF_API_URL,
/// "accounts/", account_id, "/storage/kv/namespaces")`), is known with those parameters as
/// holes even when no caller in the crate gives them. A parameter named for a path is not a
/// segment.
#[test]
fn a_stored_url_with_parameter_segments() {
    let src = r#"
        const CF_API_URL: &str = "https://api.cloudflare.com/client/v4/";
        impl KvClient {
            pub fn new(account_id: &str, api_key: &str) -> Self {
                KvClient {
                    client: Client::new(),
                    url: format!("{}{}{}{}", CF_API_URL, "accounts/", account_id, "/storage/kv/namespaces"),
                }
            }
            pub async fn list_namespaces(&self) -> R {
                self.client.get(self.url.clone()).send().await
            }
        }
        impl Other {
            pub fn new(sub_path: &str) -> Self {
                Other { client: Client::new(), url: format!("https://example.com/api/{}", sub_path) }
            }
            pub async fn fetch(&self) -> R {
                self.client.get(self.url.clone()).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /client/v4/accounts/{account_id}/storage/kv/namespaces [https://api.cloudflare.com] in list_namespaces",
            "GET unresolved in fetch",
        ]
    );
}

/// A curl handle sent through a transfer made from it (rust-mailjet's `let mut transfer =
/// curl.transfer(); transfer.write_function(..)?; transfer.perform()?`) sends the handle's
/// request, as `curl.perform()` would.
#[test]
fn a_curl_handle_sent_through_its_transfer() {
    let src = r#"
        impl Mailjet {
            fn post(&self, url: &str, data: &str) -> Result<(String, u32), Error> {
                let mut curl = Easy::new();
                let mut response: Vec<u8> = Vec::new();
                curl.url(url)?;
                curl.post(true)?;
                {
                    let mut transfer = curl.transfer();
                    transfer.write_function(|buffer| { response.extend_from_slice(buffer); Ok(buffer.len()) })?;
                    transfer.perform()?;
                }
                Ok((String::from_utf8_lossy(&response).to_string(), curl.response_code()?))
            }
            pub fn send(&self, request: &SendRequest) -> Result<SendResponse, Box<dyn StdError>> {
                let j = serde_json::to_string(request)?;
                let (response, _) = self.post("https://api.mailjet.com/v3.1/send", &j)?;
                Ok(serde_json::from_str(&response)?)
            }
        }"#;
    assert_eq!(
        describe(src),
        ["POST /v3.1/send [https://api.mailjet.com] in send via post"]
    );
}

/// A URL helper choosing its path with `if let Some(x) = opt` on an `Option` parameter
/// (porkbun-api's `Uri::try_from(if let Some(subdomain) = subdomain { format!(..) } else {
/// format!(..) })`), called by a public fn that hands its own `Option` on: no caller says
/// which, and the call reads as given a value, the fuller path. `None` given picks the other.
#[test]
fn an_option_no_caller_decides() {
    let src = r#"
        mod uri {
            pub fn edit_for(domain: &str, subdomain: Option<&str>) -> Result<Uri, InvalidUri> {
                Uri::try_from(if let Some(subdomain) = subdomain {
                    format!("https://api.porkbun.com/api/json/v3/dns/editByNameType/{domain}/{subdomain}")
                } else {
                    format!("https://api.porkbun.com/api/json/v3/dns/editByNameType/{domain}")
                })
            }
            pub fn retrieve(domain: &str, id: Option<&str>) -> Result<Uri, InvalidUri> {
                if let Some(id) = id {
                    Uri::try_from(format!("https://api.porkbun.com/api/json/v3/dns/retrieve/{domain}/{id}"))
                } else {
                    Uri::try_from(format!("https://api.porkbun.com/api/json/v3/dns/retrieve/{domain}"))
                }
            }
        }
        impl Porkbun {
            pub async fn edit_dns_record_for(&self, domain: &str, subdomain: Option<&str>) -> Result<()> {
                self.inner.post_with_api_keys(uri::edit_for(domain, subdomain)?, ()).await
            }
            pub async fn all_records(&self, domain: &str) -> Result<()> {
                self.inner.post_with_api_keys(uri::retrieve(domain, None)?, ()).await
            }
        }
        impl Inner {
            async fn post_with_api_keys<T: Serialize>(&self, uri: Uri, body: T) -> Result<()> {
                self.http.post(uri).json(&body).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "POST /api/json/v3/dns/editByNameType/{domain}/{subdomain} [https://api.porkbun.com] in edit_dns_record_for via post_with_api_keys",
            "POST /api/json/v3/dns/retrieve/{domain} [https://api.porkbun.com] in all_records via post_with_api_keys",
        ]
    );
}

/// A helper pushing the segments its caller gives, one by one, onto a copy of the base
/// (jobsuche's `path(&self, segments: &[&str])`: `{ let mut path_segments =
/// url.path_segments_mut()?; for segment in segments { path_segments.push(segment); } }`):
/// the caller's segments are the path. The block around the loop runs whenever the fn does;
/// a segment pushed in a `match` arm's block is still pushed only sometimes.
#[test]
fn segments_pushed_one_by_one_in_a_block() {
    let src = r#"
        impl Core {
            pub fn path(&self, segments: &[&str]) -> String {
                let mut url = self.host.clone();
                {
                    let mut path_segments = url.path_segments_mut().expect("base URL is valid");
                    for segment in segments {
                        path_segments.push(segment);
                    }
                }
                url.to_string()
            }
            pub fn sometimes(&self, kind: Kind) -> String {
                let mut url = self.host.clone();
                match kind {
                    Kind::All => { url.path_segments_mut().unwrap().push("all"); }
                    Kind::One => {}
                }
                url.to_string()
            }
        }
        impl Jobsuche {
            pub fn job_details(&self, refnr: &str) -> Result<JobDetails> {
                let encoded = encode_refnr(refnr);
                let path = self.core.path(&["pc", "v4", "jobdetails", &encoded]);
                self.get(&path)
            }
            pub fn either(&self, kind: Kind) -> Result<R> {
                let url = self.core.sometimes(kind);
                Ok(self.client.get(&url).send()?)
            }
            fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
                Ok(self.client.get(path).send()?.json()?)
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET unresolved in either",
            "GET /pc/v4/jobdetails/{encoded} [self.host] in job_details via get",
        ]
    );
}

/// A crate's macro that makes its methods' names with the `paste` crate (rust-oura-api's
/// `endpoint_set!(sleep, Sleep, "sleep", DateQuery)`, which writes `paste! { get_endpoint!(..,
/// [<get_ $name>], ..); list_endpoint!(.., [<list_ $name>], ..); }`): both methods' requests,
/// each named as pasted, reported at the call. The doc attribute paste joins is one string.
#[test]
fn methods_named_with_paste() {
    let src = r#"
        macro_rules! get_endpoint {
            ($(#[$m:meta])*, $name: ident, $type: ty, $path: literal) => {
                $(#[$m])*
                pub async fn $name(&self, id: &str) -> Result<$type, reqwest::Error> {
                    let url = format!("{}/{}/{}", &self.base_url, $path, id);
                    self.client.get(&url).send().await?.json::<$type>().await
                }
            };
        }
        macro_rules! list_endpoint {
            ($(#[$m:meta])*, $name: ident, $type: ty, $path: literal, $query: tt) => {
                $(#[$m])*
                pub async fn $name<'l>(&self, query: $query<'l>) -> Result<Vec<$type>, reqwest::Error> {
                    let url = format!("{}/{}", &self.base_url, $path);
                    self.client.get(&url).query(&query).send().await?.json().await
                }
            };
        }
        macro_rules! endpoint_set {
            ($name: ident, $type: ty, $path: literal, $params: ty) => {
                paste! {
                    get_endpoint!(#[doc = "Gets a single [" $type "] item by id."], [<get_ $name>], $type, $path);
                    list_endpoint!(#[doc = "Lists [" $type "] items."], [<list_ $name:lower>], $type, $path, $params);
                }
            };
        }
        impl<'a> OuraClient<'a> {
            endpoint_set!(Sleep, Sleep, "sleep", DateQuery);
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /sleep/{id} [self.base_url] in get_Sleep",
            "GET /sleep [self.base_url] in list_sleep",
        ]
    );
}

/// Fns declared in the body of another, one per wrapper under the same name (bisky's
/// `make_request` inside each of `xrpc_get` and `xrpc_post`): each wrapper calls its own, as
/// Rust's scoping says, so each caller gets its wrapper's method.
#[test]
fn fns_nested_in_wrappers_under_one_name() {
    let src = r#"
        impl BskyAgent {
            pub(crate) async fn xrpc_get<D: DeserializeOwned>(&mut self, path: &str) -> Result<D, E> {
                fn make_request<T: GetService>(self_: &T, path: &str, query: &Option<&str>) -> Result<reqwest::RequestBuilder, E> {
                    Ok(reqwest::Client::new().get(self_.get_service().join(&format!("xrpc/{path}")).unwrap()))
                }
                let response = make_request(self, path, &None)?.send().await?;
                Ok(response.json().await?)
            }
            pub(crate) async fn xrpc_post<D1: Serialize, D2: DeserializeOwned>(&mut self, path: &str, body: &D1) -> Result<D2, E> {
                let body = serde_json::to_string(body)?;
                fn make_request<T: GetService>(self_: &T, path: &str, body: &str) -> Result<reqwest::RequestBuilder, E> {
                    Ok(reqwest::Client::new().post(self_.get_service().join(&format!("xrpc/{path}")).unwrap()).body(body.to_string()))
                }
                let response = make_request(self, path, &body)?.send().await?;
                Ok(response.json().await?)
            }
            pub async fn get_record(&mut self) -> Result<R, E> {
                self.xrpc_get("com.atproto.repo.getRecord").await
            }
            pub async fn create_record(&mut self, record: &R) -> Result<R, E> {
                self.xrpc_post("com.atproto.repo.createRecord", record).await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /xrpc/com.atproto.repo.getRecord [self_.get_service()] in get_record via xrpc_get>xrpc_get::make_request",
            "POST /xrpc/com.atproto.repo.createRecord [self_.get_service()] body=raw in create_record via xrpc_post>xrpc_post::make_request",
        ]
    );
}

/// A URL helper reading a field of a request struct (`params.url` in rusty-razorpay's
/// `get_entity_url(&self, params: &RequestParams<T>)`), given a wrapper's parameter whole
/// (`self.client.post(self.get_entity_url(&params))`): the wrapper's callers' struct literals
/// say the path (`RequestParams { url: "/orders".to_owned(), .. }`).
#[test]
fn a_helper_reading_a_field_of_the_wrappers_parameter() {
    let src = r#"
        pub struct RequestParams<T> { pub url: String, pub data: Option<T> }
        impl Api {
            pub fn get_entity_url<T: Serialize>(&self, params: &RequestParams<T>) -> String {
                format!("{}/v1{}", self.base_url, params.url)
            }
            pub async fn post<T, R>(&self, params: RequestParams<T>) -> RazorpayResult<R> {
                let res = self.client.post(self.get_entity_url(&params)).json(&params.data).send().await?;
                Ok(res.json().await?)
            }
        }
        impl Order {
            pub async fn create(api: &Api, params: CreateOrder<'_>) -> RazorpayResult<Order> {
                api.post(RequestParams { url: "/orders".to_owned(), data: Some(params) }).await
            }
        }"#;
    assert_eq!(
        describe(src),
        ["POST /v1/orders [self.base_url] body=json in create via post"]
    );
}

/// A URL helper choosing the host by the client's mode (square-ox's `match self.client_mode {
/// Production => format!("{}{}", SQUARE_PRODUCTION_BASE, end_point), Sandboxed =>
/// format!("{}{}", SQUARE_SANDBOX_BASE, end_point) }`) gives one path, read on the first
/// host. Hosts alone (no path) stay a base chosen at run time, and different paths no one URL.
#[test]
fn a_url_on_one_of_two_hosts() {
    let src = r#"
        const PROD: &str = "https://connect.squareup.com/v2/";
        const SANDBOX: &str = "https://connect.squareupsandbox.com/v2/";
        impl SquareClient {
            pub fn endpoint(&self, end_point: &str) -> String {
                match self.client_mode {
                    ClientMode::Production => format!("{}{}", PROD, end_point),
                    ClientMode::Sandboxed => format!("{}{}", SANDBOX, end_point),
                }
            }
            pub fn other(&self) -> String {
                if self.v1 { "https://a.example.com/v1/items".to_string() } else { "https://b.example.com/v2/items".to_string() }
            }
            pub async fn locations(&self) -> R {
                self.client.get(self.endpoint("locations")).send().await
            }
            pub async fn items(&self) -> R {
                self.client.get(self.other()).send().await
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /v2/locations [https://connect.squareup.com] in locations",
            "GET unresolved in items",
        ]
    );
}

/// A wrapper whose path is an enum value written by its `Display` impl and whose method is a
/// `match` on a verb enum (square-ox's `self.request(Verb::GET, SquareAPI::Locations(..))`, with
/// `format!("{BASE}{}", end_point)` and `match verb { Verb::GET => client.get(&url), .. }`):
/// each caller's enum value gives its path, its verb the method.
#[test]
fn an_enum_value_whose_display_is_the_path() {
    let src = r#"
        impl SquareClient {
            pub async fn request(&self, verb: Verb, endpoint: SquareAPI) -> R {
                let url = self.endpoint(endpoint).clone();
                let client = Client::new();
                let builder = match verb {
                    Verb::GET => client.get(&url),
                    Verb::PUT => client.put(&url),
                };
                builder.send().await
            }
            pub fn endpoint(&self, end_point: SquareAPI) -> String {
                format!("https://connect.squareup.com/v2/{}", end_point)
            }
            pub async fn list_locations(&self) -> R {
                self.request(Verb::GET, SquareAPI::Locations("".to_string())).await
            }
            pub async fn update_location(&self, location_id: String) -> R {
                self.request(Verb::PUT, SquareAPI::Locations(format!("/{}", location_id))).await
            }
        }
        impl fmt::Display for SquareAPI {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    SquareAPI::Payments => write!(f, "payments"),
                    SquareAPI::Locations(path) => write!(f, "locations{}", path),
                }
            }
        }"#;
    assert_eq!(
        describe(src),
        [
            "GET /v2/locations [https://connect.squareup.com] in list_locations via request",
            "PUT /v2/locations/{location_id} [https://connect.squareup.com] in update_location via request",
        ]
    );
}

/// A URL helper of a crate type called on a parameter of that type (audiobookshelf_api's
/// `let url = config.login_url();` in `auth(config: ClientConfig, ..)`): the helper's URL, its
/// `self` fields kept as the base. A name some route table has stays a lookup for callers.
#[test]
fn a_url_helper_called_on_a_parameter() {
    let src = r#"
        impl ClientConfig {
            pub fn login_url(&self) -> String { format!("{}/login", self.root_url) }
        }
        impl UserClient {
            pub async fn auth(config: ClientConfig, username: String) -> R {
                let client = reqwest::Client::new();
                let url = config.login_url();
                client.post(url).send().await
            }
        }"#;
    assert_eq!(describe(src), ["POST /login [self.root_url] in auth"]);
}
