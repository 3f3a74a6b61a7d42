//! The models and requests of the uniffi surface: the core's own types, derived there behind
//! its `uniffi` feature. Nothing is redefined here.

pub use modelgates_core::{
    ApiKey, CreateKeyRequest, CreateWorkspaceRequest, CreatedKey, DoubleOrNull, IdsOrNull,
    LimitReset, LimitResetOrNull, ListWorkspacesRequest, StringOrNull, UpdateWorkspaceRequest,
    Workspace, WorkspacePage,
};

#[cfg(test)]
mod tests {
    use super::*;
    use modelgates_core::Secret;

    #[test]
    fn a_created_key_prints_without_its_secret() {
        let json = r#"{"hash":"h","name":"n","label":"l","disabled":false,"include_byok_in_limit":false,
            "usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"byok_usage":0,
            "byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,
            "created_at":"2026-01-01T00:00:00Z","workspace_id":"w"}"#;
        let created = CreatedKey {
            data: serde_json::from_str(json).unwrap(),
            key: Secret::new("sk-mg-v1-topsecret"),
        };
        assert!(!created.to_string().contains("topsecret"));
        assert_eq!(created.reveal_key(), "sk-mg-v1-topsecret");
    }
}
