package ai.modelgates.sdk.test;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The raw OkHttp call the benchmark compares against, in Java for the same reason as OkHttpCalls. */
final class OkHttpBench {
    private OkHttpBench() {}

    static byte[] bytes(Call call) throws IOException {
        try (Response response = call.execute(); ResponseBody body = response.body()) {
            return body == null ? new byte[0] : body.bytes();
        }
    }
}
