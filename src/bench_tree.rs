//! A deterministic tree of realistic Rust client code for benchmarks: modules of ordinary
//! functions (parsing, matching, arithmetic) with HTTP calls among them, in the styles the
//! extractor reads. Not used by the tool itself.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Write the tree under `root` unless a complete one is already there; returns (files, bytes).
pub fn ensure(root: &Path, target_bytes: usize) -> io::Result<(usize, usize)> {
    let marker = root.join(".complete");
    if let Ok(text) = std::fs::read_to_string(&marker) {
        if let Some((files, bytes)) = text.trim().split_once(' ') {
            if let (Ok(files), Ok(bytes)) = (files.parse(), bytes.parse()) {
                return Ok((files, bytes));
            }
        }
    }
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    let mut bytes = 0;
    let mut files = 0;
    let mut rng = Lcg(0x5eed_1234);
    while bytes < target_bytes {
        let dir = root.join(format!("crate{}/src/m{}", files / 200, (files / 20) % 10));
        std::fs::create_dir_all(&dir)?;
        let text = module(files, &mut rng);
        bytes += text.len();
        std::fs::write(dir.join(format!("file{files}.rs")), text)?;
        files += 1;
    }
    std::fs::write(marker, format!("{files} {bytes}"))?;
    Ok((files, bytes))
}

/// A small linear congruential generator: the same tree on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const NOUNS: &[&str] = &[
    "sandbox", "snapshot", "volume", "user", "team", "project", "invoice", "order", "image",
    "region", "network", "secret", "token", "webhook", "file",
];

fn module(index: usize, rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let noun = NOUNS[rng.next(NOUNS.len())];
    let _ = writeln!(
        out,
        "//! Generated module {index}: client for `{noun}` resources.\n\nuse serde::{{Deserialize, Serialize}};\nuse std::collections::HashMap;\n"
    );
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Serialize, Deserialize)]\npub struct {t}{index} {{\n    pub id: String,\n    pub name: String,\n    pub labels: HashMap<String, String>,\n    pub size: u64,\n}}\n",
        t = capitalize(noun)
    );
    let _ = writeln!(
        out,
        "pub struct Client{index} {{\n    http: reqwest::Client,\n    base_url: String,\n    cache: HashMap<String, u64>,\n}}\n\nimpl Client{index} {{"
    );
    for f in 0..12 {
        match rng.next(4) {
            0 => http_method(&mut out, noun, f, rng),
            1 => parser_fn(&mut out, f, rng),
            2 => match_fn(&mut out, f, rng),
            _ => math_fn(&mut out, f, rng),
        }
    }
    out.push_str("}\n");
    out
}

fn http_method(out: &mut String, noun: &str, f: usize, rng: &mut Lcg) {
    let plural = format!("{noun}s");
    let (verb, path, args) = match rng.next(5) {
        0 => ("get", format!("{{}}/{plural}/{{}}"), "self.base_url, id"),
        1 => ("post", format!("{{}}/{plural}"), "self.base_url"),
        2 => ("delete", format!("{{}}/{plural}/{{id}}"), "self.base_url"),
        3 => (
            "put",
            format!("{{}}/{plural}/{{}}/labels"),
            "self.base_url, id",
        ),
        _ => (
            "get",
            format!("{{}}/{plural}/{{}}/events?limit={{}}"),
            "self.base_url, id, 20",
        ),
    };
    let _ = writeln!(
        out,
        "    /// Calls the `{noun}` API ({verb}).\n    pub async fn {verb}_{noun}_{f}(&self, id: &str) -> Result<serde_json::Value, reqwest::Error> {{\n        let url = format!(\"{path}\", {args});\n        let response = self\n            .http\n            .{verb}(&url)\n            .bearer_auth(\"token\")\n            .send()\n            .await?\n            .error_for_status()?;\n        response.json().await\n    }}\n"
    );
}

fn parser_fn(out: &mut String, f: usize, rng: &mut Lcg) {
    let sep = [',', ';', '|', ':'][rng.next(4)];
    let _ = writeln!(
        out,
        "    /// Splits a `{sep}`-separated list of key=value pairs.\n    pub fn parse_pairs_{f}(&mut self, input: &str) -> Vec<(String, String)> {{\n        let mut pairs = Vec::new();\n        for part in input.split('{sep}') {{\n            if let Some((key, value)) = part.split_once('=') {{\n                let key = key.trim().to_lowercase();\n                let hits = self.cache.get(&key).copied().unwrap_or(0);\n                self.cache.insert(key.clone(), hits + 1);\n                pairs.push((key, value.trim().to_string()));\n            }}\n        }}\n        pairs.sort();\n        pairs\n    }}\n"
    );
}

fn match_fn(out: &mut String, f: usize, rng: &mut Lcg) {
    let n = 3 + rng.next(6);
    let _ = writeln!(
        out,
        "    /// Maps a status code to a label.\n    pub fn label_{f}(code: u16) -> &'static str {{\n        match code {{"
    );
    for i in 0..n {
        let _ = writeln!(out, "            {} => \"state-{i}\",", 100 + i * 7);
    }
    let _ = writeln!(out, "            _ => \"unknown\",\n        }}\n    }}\n");
}

fn math_fn(out: &mut String, f: usize, rng: &mut Lcg) {
    let k = 2 + rng.next(9);
    let _ = writeln!(
        out,
        "    /// A rolling checksum of `data`.\n    pub fn checksum_{f}(data: &[u8]) -> u64 {{\n        let mut a: u64 = 1;\n        let mut b: u64 = 0;\n        for (i, byte) in data.iter().enumerate() {{\n            a = (a + u64::from(*byte)) % 65_521;\n            b = (b + a * {k} + i as u64) % 65_521;\n        }}\n        (b << 16) | a\n    }}\n"
    );
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
