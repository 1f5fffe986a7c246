//! Calls `POST Session/Logout` on a server and prints what came back, with what the read
//! policy found in the answer.
//!
//! ```text
//! cargo run -p h2h-client --example logout -- http://127.0.0.1:8080/ [xml|json]
//! ```
//! (`h2h serve`, the mock server, answers on that address with the documented sample.)

use h2h_client::{Client, Format};
use h2h_models::{AuthRequest, Language};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:8080/".to_owned());
    let format = match args.next().as_deref() {
        Some("json") => Format::Json,
        _ => Format::Xml,
    };
    let client = Client::builder(base).format(format).build()?;
    let request = AuthRequest {
        token: std::env::var("H2H_TOKEN").ok(),
        security_code: std::env::var("H2H_SECURITY_CODE").ok(),
        language: Language::Id,
        user_id: Some("alice".to_owned()),
        access_token: None,
    };
    match client.session_logout(&request).await {
        Ok(response) => {
            println!("{} in {:?}", response.status, response.format);
            println!("{}", h2h_models::json::to_string_pretty(&response.value)?);
            for finding in response.report.findings() {
                eprintln!("note: {finding}");
            }
            Ok(())
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    }
}
