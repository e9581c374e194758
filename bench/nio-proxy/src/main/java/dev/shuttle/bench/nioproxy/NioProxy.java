package dev.shuttle.bench.nioproxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.httpproxy.HttpProxy;

/**
 * The event-loop reference proxy of the benchmark kit: one Vert.x event loop (Netty, JDK NIO
 * transport) forwarding a listening port to one origin, either as an HTTP/1.1 reverse proxy
 * (vertx-http-proxy, keep-alive pool to the origin) or as a plain TCP relay.
 *
 * <pre>
 *   java -cp 'nio-proxy.jar:lib/*' dev.shuttle.bench.nioproxy.NioProxy \
 *        http|tcp LISTEN_PORT ORIGIN_PORT [POOL_SIZE] [LISTEN_PORT ORIGIN_PORT POOL_SIZE]...
 * </pre>
 *
 * <p>Like HAProxy and Shuttle under the kit's {@code option httplog} and {@code option tcplog},
 * the proxy writes one access line per request (HTTP) or per connection (TCP) to standard output
 * ({@link AccessLog}); {@code -Dnioproxy.log=false} turns that off, as the kit's {@code --no-log}
 * does for the others.
 *
 * Each (listen, origin, pool) triple is one front: POOL_SIZE bounds the connections to the
 * origin (HTTP mode: requests wait for a free one, like a server's maxconn and queue).
 * Everything listens and connects on 127.0.0.1 only. Prints "ready" once every port listens.
 */
public final class NioProxy {
    private static final String HOST = "127.0.0.1";
    /** The access log, or null when {@code -Dnioproxy.log=false}. */
    private static final AccessLog LOG =
            Boolean.parseBoolean(System.getProperty("nioproxy.log", "true")) ? new AccessLog() : null;

    private NioProxy() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NioProxy http|tcp LISTEN_PORT ORIGIN_PORT [POOL_SIZE] ...");
            System.exit(2);
        }
        String mode = args[0];
        // One event loop: the proxy is pinned to one core, like HAProxy's nbthread 1.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setPreferNativeTransport(false));
        int fronts = 0;
        for (int i = 1; i + 1 < args.length; i += 3) {
            int listenPort = Integer.parseInt(args[i]);
            int originPort = Integer.parseInt(args[i + 1]);
            int poolSize = i + 2 < args.length ? Integer.parseInt(args[i + 2]) : 10_000;
            if (mode.equals("http")) {
                startHttp(vertx, listenPort, originPort, poolSize);
            } else if (mode.equals("tcp")) {
                startTcp(vertx, listenPort, originPort);
            } else {
                System.err.println("unknown mode " + mode);
                System.exit(2);
            }
            fronts++;
        }
        System.out.println("ready " + fronts);
        System.out.flush();
    }

    private static void startHttp(Vertx vertx, int listenPort, int originPort, int poolSize) throws Exception {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setKeepAliveTimeout(60).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1));
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.origin(originPort, HOST);
        Handler<HttpServerRequest> handler = LOG == null ? proxy : request -> {
            long start = System.currentTimeMillis();
            request.response().endHandler(done -> LOG.requestDone(request, listenPort, start));
            proxy.handle(request);
        };
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(60)
                        .setAcceptBacklog(4096))
                .requestHandler(handler)
                .listen(listenPort, HOST)
                .toCompletionStage().toCompletableFuture().get();
    }

    private static void startTcp(Vertx vertx, int listenPort, int originPort) throws Exception {
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setAcceptBacklog(4096))
                .connectHandler(front -> {
                    if (LOG != null) {
                        long start = System.currentTimeMillis();
                        front.closeHandler(closed -> LOG.connectionDone(front, listenPort, start));
                    }
                    relay(client, front, originPort);
                })
                .listen(listenPort, HOST)
                .toCompletionStage().toCompletableFuture().get();
    }

    private static void relay(NetClient client, NetSocket front, int originPort) {
        front.pause();
        client.connect(originPort, HOST).onComplete(result -> {
            if (result.failed()) {
                front.close();
                return;
            }
            NetSocket back = result.result();
            front.pipeTo(back);
            back.pipeTo(front);
            front.resume();
        });
    }
}
