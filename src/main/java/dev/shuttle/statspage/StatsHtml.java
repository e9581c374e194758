package dev.shuttle.statspage;

import static dev.shuttle.statspage.HtmlCells.duration;
import static dev.shuttle.statspage.HtmlCells.escape;
import static dev.shuttle.statspage.HtmlCells.number;

import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import dev.shuttle.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The HTML page, laid out as HAProxy's (configuration.txt §4.2, "stats enable"): the process
 * header with the legend and the display options, then one table per proxy with its FRONTEND row,
 * its servers and its BACKEND row under the column groups Queue, Session rate, Sessions, Bytes,
 * Denied, Errors, Warnings and Server. With {@code stats admin}, a server table gets a checkbox per
 * server and the action form ({@link AdminForm}).
 */
final class StatsHtml {
    private final PageProcess process;
    private final StatsPageRule page;
    private final PageRequest request;
    private final boolean admin;

    StatsHtml(PageProcess process, StatsPageRule page, PageRequest request, boolean admin) {
        this.process = process;
        this.page = page;
        this.request = request;
        this.admin = admin;
    }

    String document(List<StatRow> rows) {
        StringBuilder out = new StringBuilder(16384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Statistics Report for Shuttle")
                .append(page.node().map(n -> " on " + escape(nodeName(n))).orElse(""))
                .append("</title>\n<link rel=\"icon\" href=\"data:,\">\n")
                .append("<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">\n");
        PageStyle.append(out);
        // configuration.txt, "stats show-version": the version and release date beside the product name.
        out.append("</head>\n<body><h1>Shuttle")
                .append(page.showVersion() ? " version " + Version.SHUTTLE + ", released " + Version.DATE : "")
                .append("</h1>\n<h2>Statistics Report for pid ").append(process.pid());
        page.node().ifPresent(n -> out.append(" on ").append(escape(nodeName(n))));
        page.description().ifPresent(d -> out.append(": ").append(escape(d)));
        out.append("</h2>\n<hr width=\"100%\" class=\"hr\">\n");
        header(out);
        actionStatus(out);
        StatRow first = null;
        boolean backend = false;
        for (StatRow row : rows) {
            if (first == null || row.proxyId() != first.proxyId()) {
                if (first != null) {
                    proxyEnd(out, first, backend);
                }
                first = row;
                backend = false;
                proxyStart(out, row.proxyName());
            }
            backend |= row.type() != ObjectType.FRONTEND;
            row(out, row);
        }
        if (first != null) {
            proxyEnd(out, first, backend);
        }
        return out.append("</body></html>\n").toString();
    }

    private String nodeName(String configured) {
        return configured.isEmpty() ? process.nodeName() : configured;
    }

    /** The general process information, the legend and the display options. */
    private void header(StringBuilder out) {
        long uptime = Duration.between(process.startTime(), Instant.now()).toSeconds();
        String uri = escape(page.uri());
        out.append("<h3>&gt; General process information</h3>\n<table border=0><tr><td align=\"left\" nowrap width=\"1%\">\n")
                .append("<p><b>pid = </b> ").append(process.pid()).append(" (nbthread = ").append(process.threads())
                .append(")<br>\n<b>uptime = </b> ").append(HtmlCells.uptime(uptime)).append("<br>\n")
                .append("<b>maxconn = </b> ").append(process.maxconn()).append("<br>\n")
                .append("current conns = ").append(process.currentConnections()).append("; total conns = ")
                .append(process.cumulativeConnections()).append("<br>\n</td><td align=\"center\" nowrap>\n");
        Legend.append(out);
        out.append("</td><td align=\"left\" valign=\"top\" nowrap width=\"1%\"><b>Display option:</b>")
                .append("<ul style=\"margin-top: 0.25em;\">")
                .append("<li><form method=\"GET\">Scope : <input value=\"").append(escape(request.scope()))
                .append("\" name=\"scope\" size=\"8\" maxlength=\"20\" tabindex=\"1\"/></form>\n")
                .append(request.upOnly() ? "<li><a href=\"" + uri + "\">Show all servers</a><br>\n"
                        : "<li><a href=\"" + uri + ";up\">Hide 'DOWN' servers</a><br>\n");
        if (page.refreshSeconds() > 0) {
            out.append(request.noRefresh() ? "<li><a href=\"" + uri + "\">Enable refresh</a><br>\n"
                    : "<li><a href=\"" + uri + ";norefresh\">Disable refresh</a><br>\n");
        }
        out.append("<li><a href=\"").append(uri).append("\">Refresh now</a><br>\n")
                .append("<li><a href=\"").append(uri).append(";csv;norefresh\">CSV export</a><br>\n")
                .append("<li><a href=\"").append(uri).append(";json;norefresh\">JSON export</a><br>\n")
                .append("</ul></td></tr></table>\n");
    }

    /** The outcome of the last admin action ({@code ;st=}), shown once above the tables. */
    private void actionStatus(StringBuilder out) {
        if (request.actionStatus().isEmpty()) {
            return;
        }
        String text = AdminStatus.describe(request.actionStatus());
        boolean done = request.actionStatus().equals(AdminStatus.DONE);
        out.append("<p><div class=").append(done ? "active_up" : "active_down").append(">")
                .append("<a class=lfsb href=\"").append(escape(page.uri())).append("\" title=\"Remove this message\">[X]</a> ")
                .append(escape(text)).append("</div>\n");
    }

    private void proxyStart(StringBuilder out, String proxy) {
        String name = escape(proxy);
        if (admin) {
            out.append("<form method=\"post\">");
        }
        out.append("<table class=\"tbl\" width=\"100%\">\n<tr class=\"titre\"><th class=\"pxname\" width=\"10%\">")
                .append("<a name=\"").append(name).append("\"></a><a class=px href=\"#").append(name).append("\">")
                .append(name).append("</a></th><th class=\"empty\" width=\"90%\"></th></tr>\n</table>\n")
                .append("<table class=\"tbl\" width=\"100%\">\n<tr class=\"titre\">");
        if (admin) {
            out.append("<th rowspan=2 width=1><input type=\"checkbox\" onclick=\"for(c of this.form.s)c.checked=this.checked\"></th>");
        }
        out.append("<th rowspan=2></th><th colspan=3>Queue</th><th colspan=3>Session rate</th>")
                .append("<th colspan=6>Sessions</th><th colspan=2>Bytes</th><th colspan=2>Denied</th>")
                .append("<th colspan=3>Errors</th><th colspan=2>Warnings</th><th colspan=9>Server</th></tr>\n")
                .append("<tr class=\"titre\">");
        for (String title : new String[] {"Cur", "Max", "Limit", "Cur", "Max", "Limit", "Cur", "Max", "Limit", "Total",
            "LbTot", "Last", "In", "Out", "Req", "Resp", "Req", "Conn", "Resp", "Retr", "Redis", "Status", "LastChk",
            "Wght", "Act", "Bck", "Chk", "Dwn", "Dwntme", "Thrtle"}) {
            out.append("<th>").append(title).append("</th>");
        }
        out.append("</tr>\n");
    }

    private void proxyEnd(StringBuilder out, StatRow proxy, boolean backend) {
        out.append("</table>\n");
        if (admin) {
            if (backend) {
                AdminForm.append(out, proxy.proxyName(), proxy.proxyId());
            }
            out.append("</form>");
        }
        out.append("<p>\n");
    }

    private void row(StringBuilder out, StatRow row) {
        String anchor = escape(row.proxyName() + "/" + (row.type() == ObjectType.LISTENER ? "+" : "") + label(row));
        out.append("<tr class=\"").append(RowStyle.of(row)).append("\">");
        if (admin) {
            out.append(row.type() == ObjectType.SERVER
                    ? "<td><input type=\"checkbox\" name=\"s\" value=\"" + escape(row.serviceName()) + "\"></td>"
                    : "<td></td>");
        }
        out.append("<td class=ac");
        if (page.showLegends() && row.type() == ObjectType.SERVER) {
            out.append(" title=\"").append(escape(legend(row))).append('"');
        }
        out.append("><a name=\"").append(anchor).append("\"></a><a class=lfsb href=\"#").append(anchor).append("\">")
                .append(escape(label(row))).append("</a></td>");
        switch (row.type()) {
            case FRONTEND -> frontendCells(out, row);
            case LISTENER -> listenerCells(out, row);
            case SERVER -> serverCells(out, row);
            default -> backendCells(out, row);
        }
        out.append("</tr>\n");
    }

    private static String label(StatRow row) {
        return switch (row.type()) {
            case FRONTEND -> "Frontend";
            case BACKEND -> "Backend";
            default -> row.serviceName();
        };
    }

    /** {@code stats show-legends}: the server's address, id and check settings in its name's tooltip. */
    private static String legend(StatRow row) {
        StringBuilder text = new StringBuilder();
        if (!row.text(StatField.ADDR).isEmpty()) {
            text.append(row.text(StatField.ADDR)).append(", ");
        }
        text.append("id: ").append(row.serviceId());
        if (row.has(StatField.CHECK_RISE)) {
            text.append(", rise=").append(row.number(StatField.CHECK_RISE)).append(", fall=")
                    .append(row.number(StatField.CHECK_FALL));
        }
        return text.toString();
    }

    private static void frontendCells(StringBuilder out, StatRow row) {
        out.append("<td colspan=3></td>");
        cells(out, row, StatField.RATE, StatField.RATE_MAX);
        limit(out, row, StatField.RATE_LIM);
        cells(out, row, StatField.SCUR, StatField.SMAX, StatField.SLIM, StatField.STOT);
        out.append("<td></td><td></td>");
        cells(out, row, StatField.BIN, StatField.BOUT, StatField.DREQ, StatField.DRESP, StatField.EREQ);
        out.append("<td></td><td></td><td></td><td></td>");
        out.append("<td class=ac>").append(escape(row.text(StatField.STATUS))).append("</td><td class=ac colspan=8></td>");
    }

    /** A listener's row ({@code option socket-stats}): its sessions, bytes, denials, request errors and status. */
    private static void listenerCells(StringBuilder out, StatRow row) {
        out.append("<td colspan=3></td><td colspan=3>&nbsp;</td>");
        cells(out, row, StatField.SCUR, StatField.SMAX, StatField.SLIM, StatField.STOT);
        out.append("<td>&nbsp;</td><td>&nbsp;</td>");
        cells(out, row, StatField.BIN, StatField.BOUT, StatField.DREQ, StatField.DRESP, StatField.EREQ);
        out.append("<td></td><td></td><td></td><td></td>");
        out.append("<td class=ac>").append(escape(row.text(StatField.STATUS))).append("</td><td class=ac colspan=8></td>");
    }

    private static void serverCells(StringBuilder out, StatRow row) {
        cells(out, row, StatField.QCUR, StatField.QMAX);
        limit(out, row, StatField.QLIMIT);
        cells(out, row, StatField.RATE, StatField.RATE_MAX);
        out.append("<td></td>");
        cells(out, row, StatField.SCUR, StatField.SMAX);
        limit(out, row, StatField.SLIM);
        cells(out, row, StatField.STOT, StatField.LBTOT);
        last(out, row);
        cells(out, row, StatField.BIN, StatField.BOUT);
        out.append("<td></td>");
        cells(out, row, StatField.DRESP);
        out.append("<td></td>");
        cells(out, row, StatField.ECON, StatField.ERESP, StatField.WRETR, StatField.WREDIS);
        String status = row.text(StatField.STATUS);
        out.append("<td class=ac>");
        if (status.equals("no check")) {
            out.append("<i>no check</i>");
        } else {
            out.append(duration(row.number(StatField.LASTCHG))).append(' ').append(escape(status));
        }
        out.append("</td><td class=ac>").append(escape(lastCheck(row))).append("</td>");
        weight(out, row);
        out.append("<td class=ac>").append(row.number(StatField.BCK) > 0 ? "-" : "Y").append("</td>")
                .append("<td class=ac>").append(row.number(StatField.BCK) > 0 ? "Y" : "-").append("</td>");
        if (row.has(StatField.CHKFAIL)) {
            cells(out, row, StatField.CHKFAIL, StatField.CHKDOWN);
            out.append("<td>").append(duration(row.number(StatField.DOWNTIME))).append("</td>");
        } else {
            out.append("<td colspan=3></td>");
        }
        out.append("<td class=ac>").append(row.has(StatField.THROTTLE) ? row.number(StatField.THROTTLE) + " %" : "-")
                .append("</td>");
    }

    private static void backendCells(StringBuilder out, StatRow row) {
        cells(out, row, StatField.QCUR, StatField.QMAX);
        out.append("<td></td>");
        cells(out, row, StatField.RATE, StatField.RATE_MAX);
        out.append("<td></td>");
        cells(out, row, StatField.SCUR, StatField.SMAX, StatField.SLIM, StatField.STOT, StatField.LBTOT);
        last(out, row);
        cells(out, row, StatField.BIN, StatField.BOUT, StatField.DREQ, StatField.DRESP);
        out.append("<td></td>");
        cells(out, row, StatField.ECON, StatField.ERESP, StatField.WRETR, StatField.WREDIS);
        out.append("<td class=ac>").append(duration(row.number(StatField.LASTCHG))).append(' ')
                .append(escape(row.text(StatField.STATUS))).append("</td><td class=ac>&nbsp;</td>");
        weight(out, row);
        out.append("<td class=ac>").append(row.number(StatField.ACT)).append("</td><td class=ac>")
                .append(row.number(StatField.BCK)).append("</td><td class=ac>&nbsp;</td>");
        cells(out, row, StatField.CHKDOWN);
        out.append("<td>").append(row.has(StatField.DOWNTIME) ? duration(row.number(StatField.DOWNTIME)) : "")
                .append("</td><td></td>");
    }

    private static void cells(StringBuilder out, StatRow row, StatField... fields) {
        for (StatField field : fields) {
            out.append("<td>");
            if (row.has(field)) {
                String text = row.text(field);
                out.append(text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                        ? number(row.number(field)) : escape(text));
            }
            out.append("</td>");
        }
    }

    /** A limit cell: "-" when there is no limit. */
    private static void limit(StringBuilder out, StatRow row, StatField field) {
        out.append("<td>").append(row.has(field) ? number(row.number(field)) : "-").append("</td>");
    }

    /** The time since the last session, "?" when there was none. */
    private static void last(StringBuilder out, StatRow row) {
        long seconds = row.has(StatField.LASTSESS) ? row.number(StatField.LASTSESS) : -1;
        out.append("<td>").append(duration(seconds)).append("</td>");
    }

    private static void weight(StringBuilder out, StatRow row) {
        out.append("<td class=ac>").append(row.number(StatField.WEIGHT)).append('/')
                .append(row.has(StatField.UWEIGHT) ? row.number(StatField.UWEIGHT) : row.number(StatField.WEIGHT))
                .append("</td>");
    }

    /** The last check, as "L4OK in 1ms": its status, code and duration. */
    private static String lastCheck(StatRow row) {
        if (!row.has(StatField.CHECK_STATUS)) {
            return "";
        }
        StringBuilder text = new StringBuilder(row.text(StatField.CHECK_STATUS).replace("* ", ""));
        if (row.has(StatField.CHECK_CODE)) {
            text.append('/').append(row.text(StatField.CHECK_CODE));
        }
        if (row.has(StatField.CHECK_DURATION)) {
            text.append(" in ").append(row.number(StatField.CHECK_DURATION)).append("ms");
        }
        return text.toString();
    }
}
