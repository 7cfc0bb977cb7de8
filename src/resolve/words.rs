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
    // Every call is compared with every route's words: most pairs are unrelated, and are told
    // so here without allocating.
    if squashed(client).eq(squashed(spec)) {
        return Some(WordDiff::Separator);
    }
    // A singular drops at most two letters (`policies` → `policy`), and a typo is at most two
    // edits: words further apart in length are neither.
    let (client_len, spec_len) = (client.chars().count(), spec.chars().count());
    if client_len.abs_diff(spec_len) > 2 {
        return None;
    }
    // Singulars differ only in their last three letters at most (`policies` → `policy`).
    let stem = client_len.min(spec_len).saturating_sub(3);
    if client
        .chars()
        .take(stem)
        .map(|c| c.to_ascii_lowercase())
        .eq(spec.chars().take(stem).map(|c| c.to_ascii_lowercase()))
        && singular(client) == singular(spec)
    {
        return Some(WordDiff::PluralSingular);
    }
    let shorter = client_len.min(spec_len);
    let limit = if shorter >= 8 { 2 } else { 1 };
    if shorter >= 4
        && client_len.abs_diff(spec_len) <= limit
        && letters_apart(client, spec).is_none_or(|apart| apart <= limit)
        && strsim::damerau_levenshtein(client, spec) <= limit
    {
        return Some(WordDiff::Typo);
    }
    None
}

/// A lower bound of the edit distance of two ASCII words, from their letters alone: each
/// insertion, deletion or substitution mends at most one letter too many on each side, and a
/// transposition none. `None` for other words.
fn letters_apart(a: &str, b: &str) -> Option<usize> {
    if !a.is_ascii() || !b.is_ascii() {
        return None;
    }
    let mut balance = [0i32; 128];
    for byte in a.bytes() {
        balance[usize::from(byte)] += 1;
    }
    for byte in b.bytes() {
        balance[usize::from(byte)] -= 1;
    }
    let surplus =
        |sign: i32| -> usize { balance.iter().map(|&n| (n * sign).max(0) as usize).sum() };
    Some(surplus(1).max(surplus(-1)))
}

/// A word's letters, lowercase, without separators (`build-Logs` → `buildlogs`).
fn squashed(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
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
    // (Called for every call and every route: which of `b` are taken is kept in bits, not in
    // a vector, for lists of up to 128 tokens.)
    let mut used_bits: u128 = 0;
    let mut used_list = if b.len() > 128 {
        vec![false; b.len()]
    } else {
        Vec::new()
    };
    let mut matched = 0usize;
    for token in a {
        let free = |j: usize| match used_list.get(j) {
            Some(used) => !used,
            None => used_bits & (1 << j) == 0,
        };
        if let Some(j) = (0..b.len()).find(|&j| free(j) && same_token(token, &b[j])) {
            match used_list.get_mut(j) {
                Some(used) => *used = true,
                None => used_bits |= 1 << j,
            }
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
            // (Longer by more than a plural or a typo could make it, but only by separators.)
            ("build_log_v_2", "buildlogv2", Some(WordDiff::Separator)),
            ("sandboxes", "sandbo", None),
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
