package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP keep-alive: {@value #REQUESTS} requests in a row through one client should travel over one
 * connection. OkHttp's event listener counts the connections it had to open; a server that closes
 * after each answer (or never allows reuse) makes one per request.
 */
public final class ConnectionReuseProbe extends Probe {

    static final int REQUESTS = 20;

    public ConnectionReuseProbe() {
        super("connectionReuse", ChecklistItem.CONNECTION_REUSE);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        AtomicInteger connectionsOpened = new AtomicInteger();
        OkHttpClient.Builder builder = new OkHttpClient.Builder().callTimeout(target.timeout())
                .eventListener(new EventListener() {
                    @Override
                    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                        connectionsOpened.incrementAndGet();
                    }
                });
        if (target.sslContext() != null) {
            builder.sslSocketFactory(target.sslContext().getSocketFactory(), defaultTrustManager());
        }
        OkHttpClient client = builder.build();
        String lastConnectionHeader = null;
        for (int i = 0; i < REQUESTS; i++) {
            try (Response response = client.newCall(new Request.Builder().url(target.url(target.paths().healthz()).toString())
                    .header("User-Agent", ProbeHttp.USER_AGENT).build()).execute()) {
                response.body().bytes();
                lastConnectionHeader = response.header("Connection");
            }
        }
        client.connectionPool().evictAll();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("requests", REQUESTS);
        evidence.put("connectionsOpened", connectionsOpened.get());
        evidence.put("connectionHeader", lastConnectionHeader == null ? "(none)" : lastConnectionHeader);
        boolean reused = connectionsOpened.get() == 1;
        return List.of(new ItemResult(ChecklistItem.CONNECTION_REUSE, reused ? ItemStatus.PASS : ItemStatus.FAIL,
                reused ? REQUESTS + " requests over one kept-alive connection"
                        : REQUESTS + " requests needed " + connectionsOpened.get() + " connections: keep-alive is off",
                evidence, "probe " + name()));
    }

    private static X509TrustManager defaultTrustManager() throws Exception {
        javax.net.ssl.TrustManagerFactory factory =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
