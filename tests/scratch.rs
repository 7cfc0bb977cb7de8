#[test]
fn scratch() {
    let text = std::fs::read_to_string("fixtures/client/src/lib.rs").unwrap();
    let calls = routelint::source::extract_from_str(&text, "x.rs").unwrap();
    for c in calls {
        let u = routelint::source::CallUrl::split(&c.url);
        match u {
            Ok(u) => println!("{} {}:{} {} {} base={:?} q={:?} body={:?} direct={}", c.function, c.line, c.column, c.method, u.path(), u.base, u.query, c.body, c.url.is_direct()),
            Err(e) => println!("{} {:?}", c.function, e),
        }
    }
}
