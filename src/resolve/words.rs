//! Word-level comparisons used to explain near misses and rank candidates: plural and singular,
//! case, separators, typos, and the tokens of identifiers (`download_file` ≈ `downloadFile`).

/// The singular of an English path word, good enough for API nouns
/// (`sandboxes` → `sandbox`, `policies` → `policy`, `files` → `file`, `status` → `status`).
pub(crate) fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix("ies") {
        if stem.len() >= 2 {
            return format!("{stem}y");
        }
    }
    for suffix in ["xes", "ses", "ches", "shes", "zes"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() + 1 {
            let cut = lower.len() - 2;
            // `statuses` → `status`, but `responses` → `response`: keep the `e` when what is
            // left ends in a vowel + `s` pattern that English spells with `se`.
            if suffix == "ses" && !lower[..cut].ends_with("ss") && !lower[..cut].ends_with("us") {
                return lower[..lower.len() - 1].to_string();
            }
            return lower[..cut].to_string();
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && lower.len() > 3 {
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

/// How two path words differ, when they differ in a way a person makes by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WordDiff {
    Case,
    Separator,
    PluralSingular,
    Typo,
}

impl WordDiff {
    pub fn as_str(self) -> &'static str {
        match self {
            WordDiff::Case => "case",
            WordDiff::Separator => "separator",
            WordDiff::PluralSingular => "plural-singular",
            WordDiff::Typo => "typo",
        }
    }
}

/// `None` when the words are equal or unrelated.
pub(crate) fn word_diff(client: &str, spec: &str) -> Option<WordDiff> {
    if client == spec {
        return None;
    }
    if client.eq_ignore_ascii_case(spec) {
        return Some(WordDiff::Case);
    }
    let squash = |w: &str| -> String {
        w.chars()
            .filter(|c| !matches!(c, '-' | '_' | '.'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    if squash(client) == squash(spec) {
        return Some(WordDiff::Separator);
    }
    if singular(client) == singular(spec) {
        return Some(WordDiff::PluralSingular);
    }
    let shorter = client.chars().count().min(spec.chars().count());
    let limit = if shorter >= 8 { 2 } else { 1 };
    if shorter >= 4 && strsim::damerau_levenshtein(client, spec) <= limit {
        return Some(WordDiff::Typo);
    }
    None
}

/// Words that say nothing about what an operation does.
const NOISE: &[&str] = &["deprecated", "controller", "api", "v1", "v2", "v3", "by"];

/// Lowercase singular tokens of an identifier or path: `downloadFile_deprecated` →
/// `[download, file]`, `bulk-upload` → `[bulk, upload]`.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut current, &mut out);
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            flush(&mut current, &mut out);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        let word = std::mem::take(current);
        if !NOISE.contains(&word.as_str()) && !word.chars().all(|c| c.is_ascii_digit()) {
            out.push(singular(&word));
        }
    }
}

/// Two tokens name the same thing: equal, or one abbreviates the other (`exec`/`execute`).
fn same_token(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 3 && b.len() >= 3 && (a.starts_with(b) || b.starts_with(a)))
}

/// Sørensen–Dice similarity of two token lists (0 to 1), each token matched at most once.
pub(crate) fn token_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; b.len()];
    let mut matched = 0usize;
    for token in a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && same_token(token, &b[j])) {
            used[j] = true;
            matched += 1;
        }
    }
    (2 * matched) as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        for (plural, single) in [
            ("sandboxes", "sandbox"),
            ("files", "file"),
            ("policies", "policy"),
            ("statuses", "status"),
            ("status", "status"),
            ("responses", "response"),
            ("access", "access"),
            ("matches", "match"),
        ] {
            assert_eq!(singular(plural), single, "{plural}");
        }
    }

    #[test]
    fn word_differences() {
        let cases = [
            ("sandboxes", "sandbox", Some(WordDiff::PluralSingular)),
            ("Sandbox", "sandbox", Some(WordDiff::Case)),
            ("build_logs", "build-logs", Some(WordDiff::Separator)),
            ("buildLogs", "build-logs", Some(WordDiff::Separator)),
            ("snapshtos", "snapshots", Some(WordDiff::Typo)),
            ("exec", "start", None),
            ("files", "ports", None),
            ("sandbox", "sandbox", None),
        ];
        for (client, spec, expected) in cases {
            assert_eq!(word_diff(client, spec), expected, "{client} vs {spec}");
        }
    }

    #[test]
    fn identifier_tokens_and_similarity() {
        assert_eq!(tokens("downloadFile_deprecated"), vec!["download", "file"]);
        assert_eq!(tokens("download_file"), vec!["download", "file"]);
        assert_eq!(tokens("HTTPServer"), vec!["httpserver"]);
        let exec = tokens("exec");
        let execute = tokens("executeCommand_deprecated");
        let session = tokens("executeSessionCommand_deprecated");
        assert!(token_similarity(&exec, &execute) > token_similarity(&exec, &session));
        assert_eq!(
            token_similarity(&tokens("upload_file"), &tokens("uploadFile_deprecated")),
            1.0
        );
        assert_eq!(token_similarity(&[], &exec), 0.0);
    }
}
