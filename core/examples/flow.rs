//! The whole management flow against a ModelGates server: create a workspace, list, get it by
//! slug, update it, create a key in it, list the workspace's keys, disable the key, delete it
//! and delete the workspace, so that a run leaves nothing behind.
//!
//! ```sh
//! MODELGATES_API_KEY=... MODELGATES_BASE_URL=http://127.0.0.1:PORT/api/v1 \
//!     cargo run -p modelgates-core --features blocking --example flow
//! ```

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use modelgates_core::blocking::BlockingClient;
use modelgates_core::{
    Config, CreateKeyRequest, CreateWorkspaceRequest, DeleteWorkspaceRequest, Error, LimitReset,
    ListKeysRequest, ListWorkspacesRequest, Timestamp, UpdateKeyRequest, UpdateWorkspaceRequest,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error [{}]: {err}", err.kind());
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Error> {
    let api_key = std::env::var("MODELGATES_API_KEY").unwrap_or_default();
    let mut config = Config::new(api_key);
    if let Ok(base_url) = std::env::var("MODELGATES_BASE_URL") {
        config = config.with_base_url(base_url);
    }
    println!("ModelGates at {}", config.base_url);
    let client = BlockingClient::new(config)?;

    let suffix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() % 1_000_000);
    let slug = format!("demo-{suffix}");
    let mut create = CreateWorkspaceRequest::new("Demo workspace", slug.clone());
    create.description = Some("Created by the ModelGates SDK example".into());
    create.default_text_model = Some("openai/gpt-4o".into());
    let workspace = client.create_workspace(create)?;
    println!(
        "1. created workspace {:?} (slug {}, id {})",
        workspace.name, workspace.slug, workspace.id
    );

    let page = client.list_workspaces(ListWorkspacesRequest {
        offset: Some(0),
        limit: Some(10),
    })?;
    println!(
        "2. listed {} of {} workspaces:",
        page.data.len(),
        page.total_count
    );
    for listed in &page.data {
        println!("     - {:<24} {}", listed.slug, listed.name);
    }

    let fetched = client.get_workspace(&slug)?;
    println!(
        "3. fetched by slug {:?}: description {:?}",
        slug,
        fetched.description.as_deref().unwrap_or("-")
    );

    let changes = UpdateWorkspaceRequest {
        name: Some("Demo workspace (renamed)".into()),
        description: Some(modelgates_core::StringOrNull::Null),
        io_logging_sampling_rate: Some(0.5),
        ..Default::default()
    };
    let updated = client.update_workspace(&workspace.id, changes)?;
    println!(
        "4. updated: name {:?}, description cleared ({:?}), sampling rate {}",
        updated.name, updated.description, updated.io_logging_sampling_rate
    );

    let mut key_request = CreateKeyRequest::new("Demo key");
    key_request.workspace_id = Some(workspace.id.clone());
    key_request.limit = Some(25.0.into());
    key_request.limit_reset = Some(LimitReset::Weekly.into());
    // A year from now (a `Timestamp` also parses from RFC 3339 text with any offset; it is sent
    // in UTC, as the API requires).
    let in_a_year = SystemTime::now() + Duration::from_secs(365 * 24 * 60 * 60);
    key_request.expires_at = Some(Timestamp::from(in_a_year).into());
    let created = client.create_key(key_request)?;
    println!(
        "5. created key {:?} ({}), limit ${} {}, expires {}",
        created.data.name,
        created.data.label,
        created.data.limit.unwrap_or_default(),
        created
            .data
            .limit_reset
            .as_ref()
            .map_or("never", |r| r.as_str()),
        created
            .data
            .expires_at
            .map_or("never".to_owned(), |t| t.to_string()),
    );
    println!(
        "   secret (shown once, masked here): {}",
        mask(created.key.expose())
    );

    let filters = ListKeysRequest {
        workspace_id: Some(workspace.id.clone()),
        ..Default::default()
    };
    let keys = client.keys(filters)?.collect::<Result<Vec<_>, Error>>()?;
    println!("6. the workspace's keys: {}", keys.len());
    for key in &keys {
        println!("     - {:<24} {}", key.name, key.label);
    }

    let disable = UpdateKeyRequest {
        disabled: Some(true),
        ..Default::default()
    };
    let disabled = client.update_key(&created.data.hash, disable)?;
    println!(
        "7. disabled key {:?}: disabled = {}",
        disabled.name, disabled.disabled
    );

    client.delete_key(&created.data.hash)?;
    println!("8. deleted key {:?}", disabled.name);

    client.delete_workspace(&workspace.id, DeleteWorkspaceRequest::default())?;
    println!("9. deleted workspace {:?}: nothing left behind", slug);
    println!("done.");
    Ok(())
}

/// The first and last four characters only: enough to recognise the key, useless to steal.
fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 12 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}
