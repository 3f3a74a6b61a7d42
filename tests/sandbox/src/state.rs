//! The sandbox's memory: workspaces, API keys, request counts and fault usage.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::StatusCode;
use uuid::Uuid;

use crate::auth::Caller;
use crate::clock;
use crate::counts::Counts;
use crate::error::ApiError;
use crate::model::{
    ApiKey, CurrentApiKey, FreeModelDailyRequests, KeyBudget, RateLimit, SANDBOX_USER_ID, Workspace,
};
use crate::secret;
use crate::validate::{KeyPatch, KeyQuery, NewKey, NewWorkspace, WorkspacePatch};

/// Free-model requests a day that `GET /key` reports for the sandbox's account (none are used).
const FREE_MODEL_DAILY_LIMIT: u32 = 50;

/// Everything the handlers share. Each part has its own lock, held only for a few lines.
#[derive(Debug)]
pub(crate) struct AppState {
    /// Accepted as `Bearer` for every operation.
    pub(crate) management_key: String,
    /// Recognised but refused with 403 (it may only describe itself on `GET /key`), to show
    /// what a non-management key gets.
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

/// Whether a minted key still authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyStatus {
    Active,
    Disabled,
    Expired,
}

/// Workspaces and keys, each in creation order.
#[derive(Debug)]
pub(crate) struct Store {
    workspaces: Vec<Workspace>,
    keys: Vec<ApiKey>,
    /// The workspace that exists at start; `None` once it was deleted (no other takes its place).
    default_workspace_id: Option<Uuid>,
}

impl Store {
    /// A store with the default workspace ("Default", slug `default`).
    fn new() -> Self {
        let default = new_workspace("Default".to_owned(), "default".to_owned());
        Self {
            default_workspace_id: Some(default.id),
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

    /// Deletes the workspace with this id or slug, with its keys. The default workspace needs
    /// `confirmed`, and a workspace with active keys is refused: they must go first.
    pub(crate) fn delete_workspace(
        &mut self,
        id_or_slug: &str,
        confirmed: bool,
    ) -> Result<(), ApiError> {
        let index = self
            .position(id_or_slug)
            .ok_or_else(|| not_found(id_or_slug))?;
        let id = self
            .workspaces
            .get(index)
            .map(|w| w.id)
            .ok_or_else(|| not_found(id_or_slug))?;
        let is_default = self.default_workspace_id == Some(id);
        if is_default && !confirmed {
            return Err(ApiError::invalid(
                "confirm_default_workspace_deletion",
                "must be true to delete the default workspace",
            ));
        }
        let active = self
            .keys
            .iter()
            .filter(|key| key.workspace_id == id && is_active(key))
            .count();
        if active > 0 {
            let (keys, them) = if active == 1 {
                ("key", "it")
            } else {
                ("keys", "they")
            };
            return Err(ApiError::invalid(
                "id",
                format_args!(
                    "workspace '{id_or_slug}' has {active} active API {keys}; \
                     {them} must be deleted or disabled first"
                ),
            ));
        }
        self.keys.retain(|key| key.workspace_id != id);
        self.workspaces.remove(index);
        if is_default {
            self.default_workspace_id = None;
        }
        Ok(())
    }

    /// Creates an API key and returns it with its secret, which is not kept.
    pub(crate) fn create_key(&mut self, new: NewKey) -> Result<(ApiKey, String), ApiError> {
        let workspace_id = match new.workspace_id {
            None => self.default_workspace_id.ok_or_else(|| {
                ApiError::invalid("workspace_id", "there is no default workspace")
            })?,
            Some(id) => self.existing_workspace(id)?,
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
            external_user: None,
            hash: secret::hash(&secret),
            include_byok_in_limit: new.include_byok_in_limit,
            label: secret::label(&secret),
            last_used_at: None,
            limit: new.limit,
            limit_remaining: new.limit,
            limit_reset: new.limit_reset,
            name: new.name,
            updated_at: None,
            usage: 0.0,
            usage_daily: 0.0,
            usage_monthly: 0.0,
            usage_weekly: 0.0,
            workspace_id,
        };
        self.keys.push(key.clone());
        Ok((key, secret))
    }

    /// One page of a workspace's keys (the default one's unless the query names one), in
    /// creation order, disabled and expired keys left out unless the query asks for them.
    pub(crate) fn list_keys(&self, query: KeyQuery, limit: usize) -> Result<Vec<ApiKey>, ApiError> {
        let workspace_id = match query.workspace_id {
            Some(id) if self.workspaces.iter().any(|w| w.id == id) => id,
            Some(id) => return Err(not_found(&id.to_string())),
            None => match self.default_workspace_id {
                Some(id) => id,
                // No default workspace, so no key is in it.
                None => return Ok(Vec::new()),
            },
        };
        let page = self
            .keys
            .iter()
            .filter(|key| key.workspace_id == workspace_id)
            .filter(|key| query.include_disabled || !key.disabled)
            .filter(|key| query.include_expired || !is_expired(key))
            .skip(query.offset)
            .take(limit)
            .cloned()
            .collect();
        Ok(page)
    }

    /// The key with this hash, disabled and expired ones included.
    pub(crate) fn key(&self, hash: &str) -> Result<ApiKey, ApiError> {
        self.keys
            .iter()
            .find(|key| key.hash == hash)
            .cloned()
            .ok_or_else(|| key_not_found(hash))
    }

    /// Whether the key with this hash would authenticate; `None` for no such key.
    pub(crate) fn key_status(&self, hash: &str) -> Option<KeyStatus> {
        let key = self.keys.iter().find(|key| key.hash == hash)?;
        Some(if key.disabled {
            KeyStatus::Disabled
        } else if is_expired(key) {
            KeyStatus::Expired
        } else {
            KeyStatus::Active
        })
    }

    /// Applies a partial update to the key with this hash, moving it when the patch names
    /// another workspace. Renaming or moving the key onto a name another key of the resulting
    /// workspace has is a conflict (create-keys allows twins; an update that touches neither
    /// the name nor the workspace leaves them be).
    pub(crate) fn update_key(&mut self, hash: &str, patch: KeyPatch) -> Result<ApiKey, ApiError> {
        let index = self
            .keys
            .iter()
            .position(|key| key.hash == hash)
            .ok_or_else(|| key_not_found(hash))?;
        let (current_name, current_workspace) = self
            .keys
            .get(index)
            .map(|key| (key.name.clone(), key.workspace_id))
            .ok_or_else(|| key_not_found(hash))?;
        let workspace_id = match patch.workspace_id {
            None => current_workspace,
            Some(id) => self.existing_workspace(id)?,
        };
        let renames = patch
            .name
            .as_ref()
            .is_some_and(|name| *name != current_name);
        let moves = workspace_id != current_workspace;
        let name = patch.name.unwrap_or(current_name);
        let taken = (renames || moves)
            && self.keys.iter().enumerate().any(|(other, key)| {
                other != index && key.workspace_id == workspace_id && key.name == name
            });
        if taken {
            return Err(ApiError::conflict(
                "name",
                format_args!(
                    "the name '{name}' is already taken by another API key in workspace \
                     {workspace_id}"
                ),
            ));
        }
        let key = self
            .keys
            .get_mut(index)
            .ok_or_else(|| key_not_found(hash))?;
        key.name = name;
        key.workspace_id = workspace_id;
        if let Some(disabled) = patch.disabled {
            key.disabled = disabled;
        }
        if let Some(include) = patch.include_byok_in_limit {
            key.include_byok_in_limit = include;
        }
        if let Some(limit) = patch.limit {
            // Nothing is ever spent in the sandbox, so all of a new limit remains.
            key.limit = limit;
            key.limit_remaining = limit;
        }
        if let Some(reset) = patch.limit_reset {
            key.limit_reset = reset;
        }
        key.updated_at = Some(clock::now());
        Ok(key.clone())
    }

    /// Deletes the key with this hash.
    pub(crate) fn delete_key(&mut self, hash: &str) -> Result<(), ApiError> {
        let index = self
            .keys
            .iter()
            .position(|key| key.hash == hash)
            .ok_or_else(|| key_not_found(hash))?;
        self.keys.remove(index);
        Ok(())
    }

    /// `GET /key`: what the calling key is. A minted key is marked used now.
    pub(crate) fn describe(&mut self, caller: &Caller) -> Result<CurrentApiKey, ApiError> {
        match caller {
            Caller::Management => Ok(sandbox_key(
                "sandbox management key",
                true,
                self.default_workspace_id,
            )),
            Caller::Restricted => Ok(sandbox_key(
                "sandbox restricted key",
                false,
                self.default_workspace_id,
            )),
            Caller::Minted(hash) => {
                // Deleted between auth and here: it no longer authenticates.
                let key = self
                    .keys
                    .iter_mut()
                    .find(|key| &key.hash == hash)
                    .ok_or_else(|| {
                        ApiError::new(StatusCode::UNAUTHORIZED, "invalid API key").anonymous()
                    })?;
                key.last_used_at = Some(clock::now());
                Ok(minted_key(key))
            }
        }
    }

    /// `id` when a workspace has it; a 400 naming `workspace_id` otherwise.
    fn existing_workspace(&self, id: Uuid) -> Result<Uuid, ApiError> {
        if self.workspaces.iter().any(|w| w.id == id) {
            Ok(id)
        } else {
            Err(ApiError::invalid(
                "workspace_id",
                "no workspace has this id",
            ))
        }
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

/// A key is active, and so blocks its workspace's deletion, unless disabled or expired.
fn is_active(key: &ApiKey) -> bool {
    !key.disabled && !is_expired(key)
}

/// Expired: `expires_at` is set and not in the future.
fn is_expired(key: &ApiKey) -> bool {
    key.expires_at.as_deref().is_some_and(clock::has_passed)
}

/// The management or restricted key as `GET /key` describes it: no limit, no expiry, in the
/// default workspace while there is one. The label says which it is, never the key itself.
fn sandbox_key(label: &str, management: bool, workspace_id: Option<Uuid>) -> CurrentApiKey {
    CurrentApiKey {
        allowed_data_regions: vec!["global"],
        budgets: Vec::new(),
        byok_usage: 0.0,
        byok_usage_daily: 0.0,
        byok_usage_monthly: 0.0,
        byok_usage_weekly: 0.0,
        creator_user_id: Some(SANDBOX_USER_ID.to_owned()),
        effective_budget: None,
        expires_at: None,
        free_model_daily_requests: free_model_daily_requests(),
        include_byok_in_limit: false,
        is_free_tier: false,
        is_management_key: management,
        is_provisioning_key: management,
        label: label.to_owned(),
        limit: None,
        limit_remaining: None,
        limit_reset: None,
        organization_id: None,
        rate_limit: rate_limit(),
        usage: 0.0,
        usage_daily: 0.0,
        usage_monthly: 0.0,
        usage_weekly: 0.0,
        workspace_id,
    }
}

/// A key minted by create-keys as `GET /key` describes it. Its own limit, when it has one, is
/// its only budget layer, and so also the effective one.
fn minted_key(key: &ApiKey) -> CurrentApiKey {
    let budget = key.limit.map(|limit| KeyBudget {
        budget_id: None,
        guardrail_id: None,
        include_byok: key.include_byok_in_limit,
        limit_usd: limit,
        remaining_usd: key.limit_remaining.unwrap_or(limit),
        reset_interval: key.limit_reset.clone(),
        resets_at: key.limit_reset.as_deref().and_then(clock::next_reset),
        scope: "key_limit",
        spend_usd: key.usage,
    });
    CurrentApiKey {
        allowed_data_regions: vec!["global"],
        budgets: budget.iter().cloned().collect(),
        byok_usage: key.byok_usage,
        byok_usage_daily: key.byok_usage_daily,
        byok_usage_monthly: key.byok_usage_monthly,
        byok_usage_weekly: key.byok_usage_weekly,
        creator_user_id: key.creator_user_id.clone(),
        effective_budget: budget,
        expires_at: key.expires_at.clone(),
        free_model_daily_requests: free_model_daily_requests(),
        include_byok_in_limit: key.include_byok_in_limit,
        is_free_tier: false,
        is_management_key: false,
        is_provisioning_key: false,
        label: key.label.clone(),
        limit: key.limit,
        limit_remaining: key.limit_remaining,
        limit_reset: key.limit_reset.clone(),
        organization_id: None,
        rate_limit: rate_limit(),
        usage: key.usage,
        usage_daily: key.usage_daily,
        usage_monthly: key.usage_monthly,
        usage_weekly: key.usage_weekly,
        workspace_id: Some(key.workspace_id),
    }
}

/// The account's free-model quota: nothing is ever used in the sandbox.
fn free_model_daily_requests() -> FreeModelDailyRequests {
    FreeModelDailyRequests {
        limit: FREE_MODEL_DAILY_LIMIT,
        remaining: FREE_MODEL_DAILY_LIMIT,
        used: 0,
    }
}

/// The legacy rate limit, which the API documents as always -1.
fn rate_limit() -> RateLimit {
    RateLimit {
        interval: "10s",
        note: "deprecated",
        requests: -1,
    }
}

fn not_found(id_or_slug: &str) -> ApiError {
    ApiError::not_found(format!("workspace '{id_or_slug}' not found"))
}

fn key_not_found(hash: &str) -> ApiError {
    ApiError::not_found(format!("API key '{hash}' not found"))
}
