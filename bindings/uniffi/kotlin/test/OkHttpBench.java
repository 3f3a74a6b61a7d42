package ai.modelgates.sdk.test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Callback;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The raw OkHttp call the benchmark compares against, in Java for the same reason as OkHttpCalls. */
final class OkHttpBench {
    private OkHttpBench() {}

    /** The asynchronous call (enqueue, as OkHttpTransport does), waited for on this thread. */
    static byte[] bytesAsync(Call call) throws Exception {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call answered, Response response) {
                try (ResponseBody body = response.body()) {
                    done.complete(body == null ? new byte[0] : body.bytes());
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        return done.get();
    }

    static byte[] bytes(Call call) throws IOException {
        try (Response response = call.execute(); ResponseBody body = response.body()) {
            return body == null ? new byte[0] : body.bytes();
        }
    }
}
