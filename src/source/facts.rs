//! What one file tells about the crate, beyond its own HTTP calls: its string constants, its
//! functions (parameters, string helpers) and the calls it makes with string arguments. The
//! crate index (`index.rs`) links these across files to see through wrappers and helpers.
//!
//! Everything here is plain data (no `syn` types, no spans), so files can be parsed in
//! parallel and linked afterwards without parsing anything twice.

use super::HttpCall;
use super::url::{Origin, Piece, UrlValue};
use crate::spec::Method;

/// How a call names the function it calls.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Callee {
    pub name: String,
    /// `Type` in `Type::f(..)` (`Self` already replaced by the impl's type), or the impl's type
    /// for `self.f(..)`.
    pub owner: Option<String>,
    /// `self.f(..)` or `Self::f(..)`.
    pub on_self: bool,
    /// Receiver expression text for other method calls (`self.api` in `self.api.get(..)`).
    pub receiver: Option<String>,
    /// The first argument is the value the method is called on (`route.path()`, where `route`
    /// is an enum value a route table turns into a path).
    pub on_value: bool,
    /// The type of the field `receiver` is (`Client` for `self.travis` when `struct Env {
    /// travis: &'a Client<C> }`), filled in when the crate is linked.
    #[serde(skip)]
    pub receiver_type: Option<String>,
}

/// `req_manager.lock().unwrap()` → `req_manager`: a field reached through its lock or cell
/// (`Arc<Mutex<RequestManager>>`, whose type is read as the value inside).
pub(crate) fn through_locks(receiver: &str) -> &str {
    const ACCESSORS: &[&str] = &[
        ".lock()",
        ".read()",
        ".write()",
        ".borrow()",
        ".borrow_mut()",
        ".unwrap()",
        ".await",
        "?",
    ];
    let mut rest = receiver;
    while let Some(shorter) = ACCESSORS.iter().find_map(|a| rest.strip_suffix(a)) {
        rest = shorter;
    }
    rest
}

/// An argument as far as the call site knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArgValue {
    /// A string, maybe with holes (the caller's parameters among them).
    Text(UrlValue),
    /// `Method::POST`, `reqwest::Method::PATCH`.
    Method(Method),
    /// A variant of some enum (`Verb::Post`, `Method::Post { query, body }`): its name.
    Variant(String),
    /// A struct literal: its fields.
    Struct(Vec<(String, ArgValue)>),
    /// An enum value (`Route::User(id)`, `Route::Posts { user }`): its variant and fields
    /// (`"0"`, `"1"`… for tuple variants).
    Enum {
        /// The enum's name as written (`Route`), to tell apart two enums with a variant of the
        /// same name; `None` when written `Self::…`.
        owner: Option<String>,
        variant: String,
        fields: Vec<(String, ArgValue)>,
    },
    /// A request description made by a route constructor (`Endpoint::app_info(id)`): a
    /// wrapper reads its path and method from its fields (`endpoint.path`, `endpoint.method`).
    Route { url: Box<ArgValue>, method: Method },
    /// `None`, given for an `Option` parameter.
    Absent,
    /// Nothing we can follow.
    Opaque,
}

impl ArgValue {
    /// Worth recording: carries text, a method, or a parameter of the caller.
    pub fn is_interesting(&self) -> bool {
        match self {
            // Text with a `/`, or a value from a parameter, a constant or a helper: what a
            // path looks like. (`.expect("msg")`, `.insert("key", v)` are not worth a record.)
            ArgValue::Text(value) => value.pieces.iter().any(|p| match p {
                Piece::Text { text, .. } => text.contains('/'),
                // A field of a field (`self.config.timeout`) is worth no record on its own,
                // only in a string made of several parts (`format!("{}{}", host, urls.users)`).
                Piece::Hole(h) => match &h.origin {
                    Origin::Runtime => false,
                    Origin::TableField(_) => value.pieces.len() > 1,
                    _ => true,
                },
            }),
            ArgValue::Method(_) | ArgValue::Variant(_) => true,
            ArgValue::Struct(fields) => fields.iter().any(|(_, v)| v.is_interesting()),
            ArgValue::Enum { .. } | ArgValue::Route { .. } => true,
            // `None` may be what picks a helper's path (`Origin::Optional`).
            ArgValue::Absent => true,
            ArgValue::Opaque => false,
        }
    }

    /// The value at `fields` inside this one (`req.path`).
    pub fn field(&self, fields: &[String]) -> Option<&ArgValue> {
        if let (ArgValue::Route { url, .. }, [field]) = (self, fields) {
            // A route's fields by what they are named like: its path; its method is read
            // through `MethodSource` (see `route_method`).
            let name = field.to_ascii_lowercase();
            return ["path", "url", "uri", "endpoint", "route"]
                .iter()
                .any(|w| name.contains(w))
                .then_some(&**url);
        }
        match fields.split_first() {
            None => Some(self),
            Some((first, rest)) => match self {
                ArgValue::Struct(members)
                | ArgValue::Enum {
                    fields: members, ..
                } => members
                    .iter()
                    .find(|(name, _)| name == first)
                    .and_then(|(_, v)| v.field(rest)),
                _ => None,
            },
        }
    }
}

/// The method of a route description's field named like one (`endpoint.method`).
pub fn route_method(value: &ArgValue, fields: &[String]) -> Option<Method> {
    match (value, fields) {
        (ArgValue::Route { method, .. }, [field]) => {
            let name = field.to_ascii_lowercase();
            (name.contains("method") || name.contains("verb")).then_some(*method)
        }
        _ => None,
    }
}

/// A call of some function with at least one argument worth following.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CallSite {
    pub callee: Callee,
    pub args: Vec<ArgValue>,
    /// Where the callee's name is written: the call's place in reports.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub range_start: usize,
    /// Query keys and body of the request builder chain after the call, if any.
    pub query: Vec<String>,
    pub body: Option<super::Body>,
    /// The value a method is called on, when it is one a wrapper may read fields of: a route
    /// description (`endpoint.request_builder(&client, &base)` after `let endpoint =
    /// Endpoint::app_info(id)`), whose `self.path` and `self.method` the method reads.
    pub receiver_value: Option<ArgValue>,
    /// Each argument as a body, where it reads as one (`&json!({..})`, `&req` of a known
    /// struct): what a wrapper that sends that parameter as its body sends.
    pub arg_bodies: Vec<Option<ArgBody>>,
    /// Which of the paths an argument may be this site is (`let path = match last_seen {
    /// Some(id) => format!("/txs/chain/{id}"), None => format!("/txs") }`): one site each.
    pub alternative: usize,
}

/// An argument that a wrapper may send as its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArgBody {
    pub keys: Option<Vec<String>>,
    pub key_sites: Vec<super::Site>,
    pub type_name: Option<String>,
    /// It is a parameter of the caller (or a part of one): the caller's own callers say.
    pub from_param: Option<(usize, Vec<String>)>,
    /// A variant's payload (`Method::Post(query)`, `Verb::Post { body }`), by field (`0`,
    /// `body`): what a wrapper that matches on the variant sends from it.
    pub parts: Vec<(String, ArgBody)>,
    /// `()`: nothing to send (`Method::Post(())` serializes to `null`, which is no body).
    pub unit: bool,
    /// The keys of a `json!` literal's nested objects (see `Body::nested`).
    pub nested: Vec<(String, Vec<String>, Vec<super::Site>)>,
}

/// What `MethodSource::Unknown` holds for a request builder handed back without its method
/// (`MethodArg::Later`): the caller that finishes it sets the method.
pub const SET_BY_THE_CALLER: &str = "set by the caller";

/// Where a wrapper's method comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MethodSource {
    Fixed(Method),
    /// A parameter (or a field of one) holding a `Method` or a variant named like one.
    Param {
        index: usize,
        fields: Vec<String>,
    },
    /// A method table applied to a parameter: `endpoint.method()` where `endpoint` is a
    /// parameter (or a field of one) holding a route enum and `fn method(&self) -> Method` is a
    /// `match self` giving each variant its method (see `FnFacts::methods_by_variant`).
    Table {
        index: usize,
        fields: Vec<String>,
        table: String,
    },
    /// A field of `self` named like a method (`self.method` in a method of a route
    /// description): the value the method is called on says.
    SelfField(String),
    /// Some other runtime value (its source text).
    Unknown(String),
}

/// One function of the crate.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FnFacts {
    pub name: String,
    /// The impl's type for methods.
    pub owner: Option<String>,
    /// The trait a trait method (default or declared) belongs to.
    pub trait_name: Option<String>,
    /// The trait a method of an `impl Trait for Type` block implements.
    pub implements: Option<String>,
    /// Which `impl` block of its file the fn is in (0, 1, …), for fns that belong together.
    pub impl_block: Option<usize>,
    /// Test code (`#[cfg(test)]`, `#[test]`).
    pub in_test: bool,
    /// Compiled only under some `#[cfg(..)]` (another fn of its name may stand in for it).
    pub cfg_gated: bool,
    /// Parameter names, without `self`.
    pub params: Vec<String>,
    /// Parameter types, by name (`CreateSandbox`, `Method<>`): which one holds the method,
    /// which struct a parameter sent as a body is.
    pub param_types: Vec<String>,
    pub has_self: bool,
    /// A trait method declared without a default body: what it does is not in the crate.
    pub declared_only: bool,
    pub file: String,
    /// The string the function returns, when its body ends in one we can read.
    pub returns: Option<UrlValue>,
    /// A route table: `match self { Route::Users => "/users", Route::User(id) => format!(..) }`
    /// gives a string per variant, with the variant's fields as `Origin::Field` holes.
    pub returns_by_variant: Vec<(String, UrlValue)>,
    /// The HTTP method the function returns (`fn method(&self) -> Method { Method::Get }`).
    pub returns_method: Option<Method>,
    /// A route constructor: the fn returns a request description built from a path and a
    /// method (`Self::builder("/apps/{app_id}", Method::GET).param(..).build()`): both.
    pub returns_route: Option<(UrlValue, Method)>,
    /// A request description made by a constructor of the crate, which the fn returns
    /// (`RequestBuilder::new(self.api_key, "https://api.vultr.com/v1/account/info")`, maybe
    /// followed by `.with_method("PUT")`): a route once linking knows the constructor's.
    /// (Boxed: almost every fn has none, and every fn's facts are held at once.)
    pub returns_description: Option<Box<ArgValue>>,
    /// A method table: `match self { Route::CreateUser => Method::POST, .. }`, by variant.
    pub methods_by_variant: Vec<(String, Method)>,
    /// Where the function's name is written.
    pub line: usize,
    pub column: usize,
    /// Requests made in the body, with where their method comes from.
    pub requests: Vec<(HttpCall, MethodSource)>,
    pub call_sites: Vec<CallSite>,
    /// Fields named like a URL or path that a struct literal of the fn's own type sets
    /// (`Self { gist_path, .. }` in `fn new(crab, gist_path: String)`), with their values.
    pub field_inits: Vec<(String, ArgValue)>,
    /// A path setter: the parameter (index without `self`) the fn stores in a field of `self`
    /// named for a path (`fn set_path(&mut self, path: &str) { self.options.path =
    /// Some(path.to_string()) }`), for a request type's own sender to send (see
    /// `Index::stored_paths`).
    pub stores_path: Option<u16>,
}

/// A wrapper declared in the config (`[[wrapper]]`), for what inference misses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredWrapper {
    pub name: String,
    /// `Type` of `Type::method`.
    pub owner: Option<String>,
    pub method_arg: Option<usize>,
    pub method: Option<Method>,
    pub path_arg: usize,
}

/// Everything one file contributes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FileFacts {
    /// The file's path as reported (as each of its fns' `file`).
    pub file: String,
    pub consts: Vec<(String, String)>,
    /// Fields of a table of paths (`VodUrls { assets: "/api/asset", .. }` of a struct whose
    /// fields are `&'static str`), by name, with the literal given.
    pub table_fields: Vec<(String, String)>,
    pub fns: Vec<FnFacts>,
    /// Requests outside any function (in a `const fn`-less context, e.g. a static closure).
    pub loose_calls: Vec<HttpCall>,
    /// The file builds a client with `default_headers(..)`: any request may carry them.
    pub default_headers: bool,
    /// Structs deriving `Serialize`, with the names their fields are sent under.
    pub serde_structs: Vec<SerdeStruct>,
    /// Modules declared out of line (`mod name;`): name, `#[path]` if any, and whether the
    /// declaration is test-only (`#[cfg(test)] mod tests;`).
    pub out_of_line_mods: Vec<OutOfLineMod>,
    /// Associated consts of trait impls and trait defaults that hold a string or a method.
    pub assoc_consts: Vec<AssocConst>,
    /// The type of each named field of the file's structs, as (struct, field, type), where it
    /// names one (`travis: &'a Client<C>` gives `Client`; through `&`, `Arc`, `Box`, `Option`).
    pub field_types: Vec<(String, String, String)>,
}

/// `impl ApiRequest for KeyList { const PATH: &'static str = "/key/list"; }`, or a trait's
/// default (`const METHOD: &'static Method = &Method::GET;`, with no `owner`): what an endpoint
/// type says of itself, read where a generic request uses `Req::PATH` and `Req::METHOD`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AssocConst {
    pub trait_name: String,
    /// The implementing type; `None` for the trait's own default.
    pub owner: Option<String>,
    pub name: String,
    pub value: AssocValue,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub in_test: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AssocValue {
    Text(UrlValue),
    Method(Method),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutOfLineMod {
    pub name: String,
    pub path_attr: Option<String>,
    pub test: bool,
}

/// A `#[derive(Serialize)]` struct as a JSON body: the keys it sends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SerdeStruct {
    pub name: String,
    pub fields: Vec<SerdeField>,
    /// The file it is defined in: where its fields are.
    pub file: String,
    /// A tag it is sent with, and its value (`#[serde(tag = "kind")]`: `("kind", "Dog")`).
    pub tag: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SerdeField {
    /// Sent under this name (maybe not always: `skip_serializing_if`), declared `at`; `of`
    /// names its type when that may be another struct (`metadata: Option<ObjectMeta>`).
    Named {
        key: String,
        at: Option<super::Site>,
        of: Option<String>,
    },
    /// `#[serde(flatten)]`: the fields of this struct, inline.
    Flatten(String),
}
