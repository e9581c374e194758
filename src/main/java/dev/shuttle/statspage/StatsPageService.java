package dev.shuttle.statspage;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.stats.StatCsv;
import dev.shuttle.stats.StatJson;
import dev.shuttle.stats.StatRow;
import dev.shuttle.stats.proxy.ProxyStatRows;
import dev.shuttle.stream.ProxyApplets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a request for a proxy's statistics page (configuration.txt §4.2, "stats enable"): Basic
 * authentication when {@code stats auth} lines exist (401 with the realm otherwise), an admin POST
 * carried out and redirected (303 to {@code <uri>;st=<code>}), else the page in the format the URI
 * asks for. Runs on the request's own virtual thread; it reads the process's rows as {@code show stat}
 * does and holds no state of its own.
 */
public final class StatsPageService implements ProxyApplets {
    private static final byte[] UNAUTHORIZED = ("<html><body><h1>401 Unauthorized</h1>\n"
            + "You need a valid user and password to access this content.\n</body></html>\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] BAD_REQUEST = ("<html><body><h1>400 Bad request</h1>\n"
            + "Your browser sent an invalid request.\n</body></html>\n").getBytes(StandardCharsets.US_ASCII);

    private final PageProcess process;
    private final PrometheusExporter exporter;

    public StatsPageService(PageProcess process) {
        this.process = process;
        this.exporter = new PrometheusExporter(process);
    }

    /** {@code http-request use-service prometheus-exporter}: the scrape, or 400 for an unknown {@code scope}. */
    @Override
    public Verdict.Respond service(String name, ProxyConfig proxy, RequestHead request, SampleContext context) {
        List<HeaderList.Field> headers = List.of(new HeaderList.Field("cache-control", "no-cache"));
        Optional<ExporterQuery> query = ExporterQuery.parse(request.target());
        if (query.isEmpty()) {
            return answer(ErrorResponse.composed(400, "text/html", headers, BAD_REQUEST));
        }
        List<StatRow> rows = new ProxyStatRows(process.frontends(), process.backends(), process.logBackends(), process.maxconn()).rows();
        byte[] body = exporter.scrape(rows, query.get()).getBytes(StandardCharsets.UTF_8);
        return answer(ErrorResponse.composed(200, "text/plain; version=0.0.4", headers, body));
    }

    @Override
    public Verdict.Respond statsPage(ProxyConfig proxy, StatsPageRule page, RequestHead request, SampleContext context) {
        if (!page.users().isEmpty() && !BasicAuth.accepts(request, page.users())) {
            return answer(ErrorResponse.composed(401, "text/html", List.of(
                    new HeaderList.Field("cache-control", "no-cache")), UNAUTHORIZED)
                    .withHeader("www-authenticate", "Basic realm=\"" + page.realm() + "\""));
        }
        boolean admin = page.adminAllowed(context);
        if (request.isMethod("POST")) {
            String status = admin ? AdminPost.perform(context.requestBody().orElse(new byte[0]), process)
                    : AdminStatus.DENIED;
            // The form stays in the connection's input buffer (the stream layer reads a body for its
            // server, and here there is none), so the connection closes after the answer.
            return answer(ErrorResponse.composed(303, "text/plain", List.of(
                    new HeaderList.Field("cache-control", "no-cache"),
                    new HeaderList.Field("location", page.uri() + ";st=" + status),
                    new HeaderList.Field("connection", "close")), new byte[0]));
        }
        PageRequest options = PageRequest.parse(request.target().substring(page.uri().length()));
        List<StatRow> rows = rows(page, options);
        List<HeaderList.Field> headers = new ArrayList<>();
        headers.add(new HeaderList.Field("cache-control", "no-cache"));
        if (page.refreshSeconds() > 0 && !options.noRefresh()) {
            headers.add(new HeaderList.Field("refresh", Integer.toString(page.refreshSeconds())));
        }
        String type;
        String body;
        switch (options.format()) {
            case CSV -> {
                type = "text/plain";
                body = StatCsv.document(rows);
            }
            case JSON -> {
                type = "application/json";
                body = StatJson.document(rows);
            }
            default -> {
                type = "text/html";
                body = new StatsHtml(process, page, options, admin).document(rows);
            }
        }
        return answer(ErrorResponse.composed(200, type, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The rows shown: those of the proxies in {@code stats scope} and the {@code scope=} filter; {@code ;up} hides servers that are not UP. */
    private List<StatRow> rows(StatsPageRule page, PageRequest options) {
        String filter = options.scope().toLowerCase(Locale.ROOT);
        List<StatRow> shown = new ArrayList<>();
        for (StatRow row : new ProxyStatRows(process.frontends(), process.backends(), process.logBackends(), process.maxconn()).rows()) {
            if (!page.inScope(row.proxyName()) || !row.proxyName().toLowerCase(Locale.ROOT).contains(filter)) {
                continue;
            }
            if (options.upOnly() && !RowStyle.shownWhenUpOnly(row)) {
                continue;
            }
            shown.add(row);
        }
        return shown;
    }

    private static Verdict.Respond answer(ErrorResponse response) {
        return new Verdict.Respond(response.status(), Optional.of(response), null, 0, false);
    }
}
