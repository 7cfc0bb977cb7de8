//! Fingerprints and baselines: adopting routelint on a client that already drifts.
//!
//! `routelint baseline` records today's findings; `check --baseline FILE` then reports only
//! new ones, and lists the recorded ones that are gone. A finding is recognised by a
//! fingerprint that does not contain its line or column, so that code moving up or down keeps
//! it: the rule, the file, the function around the call, the call's method and path template,
//! and the message. Identical findings in one function are told apart by their order.

use super::CheckedCall;
use crate::diagnostic::Finding;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Give every finding its fingerprint. `findings` must be in report order (the order decides
/// which of several identical findings is which).
pub(super) fn assign_fingerprints(findings: &mut [Finding], calls: &[CheckedCall]) {
    // Hashed in parallel (a large crate has thousands of findings), numbered in order.
    let keys: Vec<[u8; 32]> = findings
        .par_iter()
        .map(|finding| {
            let mut hasher = Sha256::new();
            for part in [finding.rule.code(), &finding.file, &finding.message] {
                hasher.update(part.as_bytes());
                hasher.update([0]);
            }
            if let Some(call) = finding.call.and_then(|i| calls.get(i)) {
                for part in [
                    call.call.function.as_str(),
                    call.call.method.as_str(),
                    &call.path(),
                ] {
                    hasher.update(part.as_bytes());
                    hasher.update([0]);
                }
            }
            hasher.finalize().into()
        })
        .collect();
    let mut seen: HashMap<[u8; 32], usize> = HashMap::new();
    for (finding, key) in findings.iter_mut().zip(keys) {
        let occurrence = seen.entry(key).or_default();
        *occurrence += 1;
        let hex: String = key[..8].iter().map(|b| format!("{b:02x}")).collect();
        finding.fingerprint = format!("{hex}:{occurrence}");
    }
}

/// The file `routelint baseline` writes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub schema_version: u32,
    pub findings: Vec<BaselineEntry>,
}

/// One recorded finding: the fingerprint decides, the rest is for the reader of the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub code: String,
    pub file: String,
    pub message: String,
}

/// What a baseline did to a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BaselineOutcome {
    /// Findings hidden because the baseline has them.
    pub known: usize,
    /// Recorded findings not found any more: fixed (or their code changed).
    pub gone: Vec<BaselineEntry>,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{file}: cannot read the baseline: {reason}")]
    Read {
        file: String,
        reason: std::io::Error,
    },
    #[error("{file}: not a routelint baseline: {reason}")]
    Invalid { file: String, reason: String },
}

impl Baseline {
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut findings: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                code: f.rule.code().to_string(),
                file: f.file.clone(),
                message: f.message.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            schema_version: 1,
            findings,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|reason| BaselineError::Read {
            file: file.clone(),
            reason,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
                file: file.clone(),
                reason: e.to_string(),
            })?;
        if baseline.schema_version != 1 {
            return Err(BaselineError::Invalid {
                file,
                reason: format!(
                    "schema_version {} (this routelint reads 1)",
                    baseline.schema_version
                ),
            });
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub(super) fn fingerprints(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }
}
