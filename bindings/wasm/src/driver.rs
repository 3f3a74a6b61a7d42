//! The core's `Call` loop, written once for the browser.

use modelgates_core::{Action, Machine};
use web_sys::AbortSignal;

use crate::errors::Failure;
use crate::transport::Io;

/// Drives calls to completion over `fetch` and the clock.
pub(crate) struct Driver {
    io: Io,
    /// `(level, message) => void`, given the core's log lines.
    logger: Option<js_sys::Function>,
}

impl Driver {
    pub(crate) fn new(
        fetch: Option<js_sys::Function>,
        clock: Option<js_sys::Object>,
        logger: Option<js_sys::Function>,
    ) -> Self {
        Driver {
            io: Io::new(fetch, clock),
            logger,
        }
    }

    /// Hands the core's new log lines to the logger. A logger that throws is ignored: logging
    /// must not change what a call does.
    fn log<M: Machine>(&self, call: &mut M) {
        let lines = call.take_log();
        if let Some(logger) = &self.logger {
            for line in lines {
                let _ = logger.call2(
                    &wasm_bindgen::JsValue::NULL,
                    &line.level.name().into(),
                    &line.message.into(),
                );
            }
        }
    }

    /// Sends, waits and retries as the call (or the walk's next step) says, until it is done
    /// or the signal fires.
    pub(crate) async fn drive<M: Machine>(
        &self,
        call: &mut M,
        signal: Option<&AbortSignal>,
    ) -> Result<M::Output, Failure> {
        loop {
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(Failure::Aborted);
            }
            let action = call.next_action(self.io.now());
            self.log(call);
            match action {
                Action::Send(request) => match self.io.send(&request, signal).await {
                    Ok(response) => call.handle_response(response),
                    Err(Ok(failure)) => call.handle_transport_error(failure),
                    Err(Err(aborted)) => return Err(aborted),
                },
                Action::Wait(wait) => self.io.sleep(wait, signal).await?,
                Action::Done(result) => return result.map_err(Failure::from),
            }
        }
    }
}
