package ai.modelgates.sdk

import java.time.Duration
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.ScheduledThreadPoolExecutor
import java.util.concurrent.TimeUnit

/**
 * A time limit on one blocking exchange: once it passes, the thread that started the exchange is
 * interrupted, once, and only while the exchange is still running ([end] not yet called). For a
 * blocking call that ends on an interrupt but has no whole-exchange timeout of its own
 * (java.net.http's `send`, whose timeout stops at the headers).
 *
 * The timer is one shared daemon thread. Nothing crosses to it when the exchange ends in time:
 * its task is only cancelled.
 */
internal class ExchangeDeadline private constructor(private val thread: Thread) : Runnable {
    private var state = RUNNING // guarded by this
    private var timer: ScheduledFuture<*>? = null

    override fun run() = synchronized(this) {
        if (state == RUNNING) {
            state = PASSED
            thread.interrupt()
        }
    }

    /** Whether the limit passed before [end] (and the thread was interrupted for it). */
    fun passed(): Boolean = synchronized(this) { state == PASSED }

    /**
     * The exchange is over, on the thread that started it: no interrupt comes after this, and
     * one that came for the deadline is cleared, so the caller's thread carries none of ours.
     */
    fun end() {
        timer?.cancel(false)
        synchronized(this) {
            if (state == PASSED) Thread.interrupted()
            state = ENDED
        }
    }

    companion object {
        private const val RUNNING = 0
        private const val PASSED = 1
        private const val ENDED = 2

        private val timers = ScheduledThreadPoolExecutor(1) { task ->
            Thread(task, "modelgates-exchange-deadline").apply { isDaemon = true }
        }.apply {
            // A cancelled limit leaves the queue at once, not when it would have passed.
            removeOnCancelPolicy = true
        }

        /** Starts timing an exchange about to run on the calling thread. */
        fun start(limit: Duration): ExchangeDeadline {
            val deadline = ExchangeDeadline(Thread.currentThread())
            // A limit past Long nanoseconds (292 years) is no limit in practice.
            val nanos = runCatching { limit.toNanos() }.getOrDefault(Long.MAX_VALUE)
            deadline.timer = timers.schedule(deadline, nanos, TimeUnit.NANOSECONDS)
            return deadline
        }
    }
}
