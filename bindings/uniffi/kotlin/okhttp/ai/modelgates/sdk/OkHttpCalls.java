package ai.modelgates.sdk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The OkHttp calls {@code OkHttpTransport} makes. In Java on purpose: OkHttp 4 turned its Java
 * getters ({@code code()}, {@code body()}, {@code followRedirects()}) into Kotlin properties, so
 * Kotlin source compiles against one major version only, while from Java both read the same.
 * This file compiles and runs against OkHttp 3.12+ (tested here with 3.13) and 4.x (what
 * Android apps use).
 */
final class OkHttpCalls {
    private static final MediaType JSON = MediaType.parse("application/json");

    private OkHttpCalls() {}

    /** What an exchange ends with: exactly one of these is called. */
    interface Listener {
        void onResponse(int status, String[] headerNamesAndValues, byte[] body);

        void onFailure(Throwable failure);
    }

    /**
     * {@code client} as the SDK needs it: the same connection pool and dispatcher, but never
     * following a redirect (the SDK makes a 3xx an error: following would send the key wherever
     * the server points) and never re-sending a request on its own (the SDK decides what may be
     * sent twice; OkHttp would silently repeat even a POST after a failed pooled connection).
     */
    static OkHttpClient forSdk(OkHttpClient client) {
        return client.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** The exchange, not started: its timeout covers the whole of it, body included. */
    static Call newCall(OkHttpClient client, String method, String url, String[] headerNamesAndValues,
            String body, long timeoutMillis) {
        Request.Builder builder = new Request.Builder().url(url);
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            builder.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(JSON, body);
        if (requestBody == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            requestBody = RequestBody.create(null, new byte[0]);
        }
        builder.method(method, requestBody);
        Call call = client.newCall(builder.build());
        if (timeoutMillis > 0) {
            // The whole exchange, body included (not an idle timeout).
            call.timeout().timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        return call;
    }

    /** Starts {@code call} on OkHttp's dispatcher; cancel it to abort (its socket is closed). */
    static void enqueue(Call call, Listener listener) {
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                listener.onFailure(timedOut(failed, e));
            }

            @Override
            public void onResponse(Call answered, Response response) {
                read(answered, response, listener);
            }
        });
    }

    /** Runs {@code call} on the calling thread; the listener hears of it before this returns. */
    static void execute(Call call, Listener listener) {
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            listener.onFailure(timedOut(call, e));
            return;
        }
        read(call, response, listener);
    }

    /** Reads the whole answer (the body too, under the call's timeout) and closes it. */
    private static void read(Call call, Response response, Listener listener) {
        byte[] bytes;
        String[] pairs;
        try (ResponseBody responseBody = response.body()) {
            Headers headers = response.headers();
            pairs = new String[headers.size() * 2];
            for (int i = 0; i < headers.size(); i++) {
                pairs[2 * i] = headers.name(i);
                pairs[2 * i + 1] = headers.value(i);
            }
            bytes = responseBody == null ? new byte[0] : responseBody.bytes();
        } catch (Throwable t) {
            listener.onFailure(timedOut(call, t));
            return;
        }
        listener.onResponse(response.code(), pairs, bytes);
    }

    /**
     * The call's timeout cancels it, and a read in progress then fails with whatever the closed
     * socket says ("Socket closed", "Canceled"). A cancelled call is either that timeout or the
     * caller's own cancellation, whose coroutine no longer listens: so it is a timeout.
     */
    private static Throwable timedOut(Call call, Throwable failure) {
        if (!call.isCanceled() || failure instanceof InterruptedIOException) {
            return failure;
        }
        InterruptedIOException timeout = new InterruptedIOException("timeout: " + failure.getMessage());
        timeout.initCause(failure);
        return timeout;
    }
}
