//! The loop every binding writes once: the core's `Call` decides, this sends and sleeps.

use std::sync::Arc;

use modelgates_core::{Action, Call};

use crate::error::ModelGatesError;
use crate::timer::Timer;
use crate::transport::{HttpRequest, HttpTransport};

/// Sends calls through a transport and sleeps between retries on a timer.
#[derive(Clone)]
pub(crate) struct Driver {
    transport: Arc<dyn HttpTransport>,
    timer: Arc<dyn Timer>,
}

impl Driver {
    pub(crate) fn new(transport: Arc<dyn HttpTransport>, timer: Arc<dyn Timer>) -> Self {
        Driver { transport, timer }
    }

    /// The loop every binding writes once: the core decides, the driver sends and sleeps.
    pub(crate) async fn run<T>(&self, mut call: Call<T>) -> Result<T, ModelGatesError> {
        loop {
            match call.next_action(self.timer.now()?) {
                Action::Send(request) => {
                    match self.transport.send(Arc::new(HttpRequest(request))).await {
                        Ok(response) => call.handle_response(response.into()),
                        Err(failure) => call.handle_transport_error(failure.into()),
                    }
                }
                Action::Wait(duration) => self.timer.sleep(duration).await?,
                Action::Done(result) => return result.map_err(ModelGatesError::from),
            }
        }
    }
}
