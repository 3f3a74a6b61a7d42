//! The sandbox's memory: workspaces, API keys, request counts and fault usage.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::StatusCode;
use uuid::Uuid;

use crate::clock;
use crate::counts::Counts;
use crate::error::ApiError;
use crate::model::{ApiKey, SANDBOX_USER_ID, Workspace};
use crate::secret;
use crate::validate::{NewKey, NewWorkspace, WorkspacePatch};

/// Everything the handlers share. Each part has its own lock, held only for a few lines.
#[derive(Debug)]
pub(crate) struct AppState {
    /// Accepted as `Bearer` for every operation.
    pub(crate) management_key: String,
    /// Recognised but refused with 403, to show what a non-management key gets.
    pub(crate) restricted_key: Option<String>,
    store: Mutex<Store>,
    counts: Mutex<Counts>,
    /// How many requests carried each distinct `X-Sandbox-Fault` value, for `times=N`.
    fault_uses: Mutex<HashMap<String, u64>>,
}

impl AppState {
    /// Fresh state holding only the default workspace.
    pub(crate) fn new(management_key: String, restricted_key: Option<String>) -> Self {
        Self {
            management_key,
            restricted_key,
            store: Mutex::new(Store::new()),
            counts: Mutex::new(Counts::default()),
            fault_uses: Mutex::new(HashMap::new()),
        }
    }

    /// The workspaces and keys.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The request counts.
    pub(crate) fn counts(&self) -> MutexGuard<'_, Counts> {
        lock(&self.counts)
    }

    /// Counts one more request carrying the fault header value `fault` and returns how many
    /// have carried it so far, this one included.
    pub(crate) fn use_fault(&self, fault: &str) -> u64 {
        let mut uses = lock(&self.fault_uses);
        let count = uses.entry(fault.to_owned()).or_default();
        *count += 1;
        *count
    }
}

/// A handler that panicked mid-update leaves nothing half-done worth refusing to serve over.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Workspaces in creation order, and the keys created so far.
#[derive(Debug)]
pub(crate) struct Store {
    workspaces: Vec<Workspace>,
    keys: Vec<ApiKey>,
    default_workspace_id: Uuid,
}

impl Store {
    /// A store with the default workspace ("Default", slug `default`).
    fn new() -> Self {
        let default = new_workspace("Default".to_owned(), "default".to_owned());
        Self {
            default_workspace_id: default.id,
            workspaces: vec![default],
            keys: Vec::new(),
        }
    }

    /// Creates a workspace; its slug must not be taken.
    pub(crate) fn create_workspace(&mut self, new: NewWorkspace) -> Result<Workspace, ApiError> {
        self.check_slug_free(&new.slug, None)?;
        let mut workspace = new_workspace(new.name, new.slug);
        apply(&mut workspace, new.settings);
        self.workspaces.push(workspace.clone());
        Ok(workspace)
    }

    /// One page of workspaces, and how many there are in all.
    pub(crate) fn list_workspaces(&self, offset: usize, limit: usize) -> (Vec<Workspace>, usize) {
        let page = self
            .workspaces
            .iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        (page, self.workspaces.len())
    }

    /// The workspace with this id or slug.
    pub(crate) fn workspace(&self, id_or_slug: &str) -> Result<Workspace, ApiError> {
        self.position(id_or_slug)
            .and_then(|index| self.workspaces.get(index))
            .cloned()
            .ok_or_else(|| not_found(id_or_slug))
    }

    /// Applies a partial update to the workspace with this id or slug.
    pub(crate) fn update_workspace(
        &mut self,
        id_or_slug: &str,
        patch: WorkspacePatch,
    ) -> Result<Workspace, ApiError> {
        let index = self
            .position(id_or_slug)
            .ok_or_else(|| not_found(id_or_slug))?;
        if let Some(slug) = &patch.slug {
            self.check_slug_free(slug, Some(index))?;
        }
        let workspace = self
            .workspaces
            .get_mut(index)
            .ok_or_else(|| not_found(id_or_slug))?;
        apply(workspace, patch);
        workspace.updated_at = Some(clock::now());
        Ok(workspace.clone())
    }

    /// Creates an API key and returns it with its secret, which is not kept.
    pub(crate) fn create_key(&mut self, new: NewKey) -> Result<(ApiKey, String), ApiError> {
        let workspace_id = match new.workspace_id {
            None => self.default_workspace_id,
            Some(id) if self.workspaces.iter().any(|w| w.id == id) => id,
            Some(_) => {
                return Err(ApiError::invalid(
                    "workspace_id",
                    "no workspace has this id",
                ));
            }
        };
        let secret = secret::new_api_key().map_err(|err| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("no random source for the key's secret: {err}"),
            )
        })?;
        let key = ApiKey {
            byok_usage: 0.0,
            byok_usage_daily: 0.0,
            byok_usage_monthly: 0.0,
            byok_usage_weekly: 0.0,
            created_at: clock::now(),
            creator_user_id: Some(
                new.creator_user_id
                    .unwrap_or_else(|| SANDBOX_USER_ID.to_owned()),
            ),
            disabled: false,
            expires_at: new.expires_at,
            hash: secret::hash(&secret),
            include_byok_in_limit: new.include_byok_in_limit,
            label: secret::label(&secret),
            limit: new.limit,
            limit_remaining: new.limit,
            limit_reset: new.limit_reset,
            name: new.name,
            updated_at: None,
            usage: 0.0,
            usage_daily: 0.0,
            usage_monthly: 0.0,
            usage_weekly: 0.0,
            workspace_id: workspace_id.to_string(),
        };
        self.keys.push(key.clone());
        Ok((key, secret))
    }

    /// Index of the workspace with this id or, failing that, this slug. The id wins because a
    /// UUID is also a valid slug.
    fn position(&self, id_or_slug: &str) -> Option<usize> {
        let by_id = Uuid::try_parse(id_or_slug)
            .ok()
            .and_then(|id| self.workspaces.iter().position(|w| w.id == id));
        by_id.or_else(|| self.workspaces.iter().position(|w| w.slug == id_or_slug))
    }

    /// Refuses a slug that another workspace (not the one at `except`) already has.
    fn check_slug_free(&self, slug: &str, except: Option<usize>) -> Result<(), ApiError> {
        let taken = self
            .workspaces
            .iter()
            .enumerate()
            .any(|(index, w)| w.slug == slug && Some(index) != except);
        if taken {
            return Err(ApiError::invalid(
                "slug",
                format_args!("a workspace with slug '{slug}' already exists"),
            ));
        }
        Ok(())
    }
}

/// A workspace with the defaults of a create request.
fn new_workspace(name: String, slug: String) -> Workspace {
    Workspace {
        created_at: clock::now(),
        created_by: Some(SANDBOX_USER_ID.to_owned()),
        default_image_model: None,
        default_provider_sort: None,
        default_text_model: None,
        description: None,
        id: Uuid::new_v4(),
        io_logging_api_key_ids: None,
        io_logging_sampling_rate: 1.0,
        is_data_discount_logging_enabled: false,
        is_observability_broadcast_enabled: false,
        is_observability_io_logging_enabled: false,
        name,
        slug,
        updated_at: None,
    }
}

/// Copies every field the patch carries onto the workspace.
fn apply(workspace: &mut Workspace, patch: WorkspacePatch) {
    fn set<T>(target: &mut T, value: Option<T>) {
        if let Some(value) = value {
            *target = value;
        }
    }
    set(&mut workspace.name, patch.name);
    set(&mut workspace.slug, patch.slug);
    set(&mut workspace.description, patch.description);
    set(
        &mut workspace.default_image_model,
        patch.default_image_model,
    );
    set(
        &mut workspace.default_provider_sort,
        patch.default_provider_sort,
    );
    set(&mut workspace.default_text_model, patch.default_text_model);
    set(
        &mut workspace.io_logging_api_key_ids,
        patch.io_logging_api_key_ids,
    );
    set(
        &mut workspace.io_logging_sampling_rate,
        patch.io_logging_sampling_rate,
    );
    set(
        &mut workspace.is_data_discount_logging_enabled,
        patch.is_data_discount_logging_enabled,
    );
    set(
        &mut workspace.is_observability_broadcast_enabled,
        patch.is_observability_broadcast_enabled,
    );
    set(
        &mut workspace.is_observability_io_logging_enabled,
        patch.is_observability_io_logging_enabled,
    );
}

fn not_found(id_or_slug: &str) -> ApiError {
    ApiError::not_found(format!("workspace '{id_or_slug}' not found"))
}
